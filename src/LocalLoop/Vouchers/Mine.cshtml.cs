using Microsoft.AspNetCore.Authorization;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Vouchers;

/// <summary>The consumer's vouchers with code and QR code to show at the counter; unused ones can be refunded.</summary>
[Authorize]
public sealed class MineModel(VoucherQueries queries, VoucherRefunds refunds, CurrentUser user, Text text) : PageModel
{
    public List<VoucherView> Vouchers { get; private set; } = [];

    /// <summary>The page shown (1-based, <c>?page=</c>); the pager's links keep every other query value.</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public int Total { get; private set; }

    [TempData]
    public string? Success { get; set; }

    [TempData]
    public string? Failure { get; set; }

    // "page" is also the route value naming the Razor page, so it is read from the query explicitly.
    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber)
    {
        var page = await queries.PageOfConsumerAsync(user.RequiredId, pageNumber ?? 1);
        (Vouchers, PageNumber, PageCount, Total) = (page.Items, page.Page, page.PageCount, page.Total);
    }

    /// <summary>This page's address with another page number and the other query values (filters) kept.</summary>
    public string Link(int page)
    {
        var query = Request.Query.Where(q => q.Key is not ("page" or "handler")).ToDictionary(q => q.Key, q => q.Value);
        if (page > 1)
        {
            query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return QueryString.Create(query).ToUriComponent() is { Length: > 0 } qs ? Request.Path + qs : Request.Path.ToString();
    }

    public async Task<IActionResult> OnPostRefundAsync(Guid voucherId, int? returnPage)
    {
        try
        {
            var result = await refunds.RefundAsync(user.RequiredId, voucherId, Request);
            var amount = new Money(result.AmountFen);
            Success = result.Method == "wallet" ? text.Format("consumer.vouchers.refundedWallet", amount)
                : result.Status == "succeeded" ? text.Format("consumer.vouchers.refundedGateway", amount)
                : text.Format("consumer.vouchers.refundProcessing", amount);
        }
        catch (DomainException ex)
        {
            Failure = ex.Status == StatusCodes.Status404NotFound ? text["consumer.vouchers.notFound"] : ex.MessageIn(Text.IsChinese);
        }

        // Post/redirect/get: a reload does not send the refund again, and the list shows the new state on the same page.
        return Redirect(Link(returnPage ?? 1));
    }

    /// <summary>The state a consumer reads: an issued voucher past its expiry counts as expired.</summary>
    public static (string Key, string Badge) StateOf(VoucherView voucher) => voucher.State switch
    {
        nameof(VoucherState.Issued) when voucher.Expired => ("consumer.vouchers.state.expired", "badge-danger"),
        nameof(VoucherState.Issued) when voucher.NotYetValid => ("rules.vouchers.notYetValid", "badge-warning"),
        nameof(VoucherState.Issued) when voucher.UsesLeft < voucher.TotalUses => ("cards.vouchers.state.inUse", "badge-success"),
        nameof(VoucherState.Issued) => ("consumer.vouchers.state.unused", "badge-success"),
        nameof(VoucherState.Verified) => ("consumer.vouchers.state.used", "badge-muted"),
        nameof(VoucherState.Refunded) => ("consumer.vouchers.state.refunded", "badge-warning"),
        _ => (voucher.State, "badge-muted"),
    };
}
