using LocalLoop.Platform;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.AfterSales;

public enum AfterSalesKind
{
    /// <summary>The goods go back and the money follows once the merchant has them (退货退款).</summary>
    Return,

    /// <summary>The goods go back and a replacement is shipped (换货).</summary>
    Exchange,
}

public enum AfterSalesState
{
    /// <summary>The consumer asked; the merchant decides.</summary>
    Requested,

    /// <summary>The merchant (or the operator ruling a dispute) agreed: the consumer sends the goods back.</summary>
    Approved,

    Rejected,

    /// <summary>The consumer sent the goods back and gave the tracking number.</summary>
    ReturnShipped,

    /// <summary>The merchant received the goods: refunded (return) or replacement shipped (exchange).</summary>
    Completed,

    /// <summary>The consumer escalated a rejection; an operator decides.</summary>
    Disputed,

    /// <summary>The operator ruled for the merchant: the rejection stands.</summary>
    Closed,
}

/// <summary>A consumer's return or exchange of some units of one line of a goods order, with its way through the merchant (and maybe an operator).</summary>
public sealed class AfterSalesRequest : Merchants.IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid MerchantId { get; set; }
    public Guid ConsumerId { get; set; }
    public int LineNumber { get; set; }
    public AfterSalesKind Kind { get; set; }
    public int Quantity { get; set; }
    public AfterSalesState State { get; set; }
    public string Reason { get; set; } = "";

    /// <summary>A photo of the goods the consumer uploaded (a /files/ address).</summary>
    public string? PhotoUrl { get; set; }

    /// <summary>The merchant's reason for a rejection.</summary>
    public string? MerchantNote { get; set; }

    public string? ReturnTrackingNumber { get; set; }

    /// <summary>Why the consumer disputes the rejection.</summary>
    public string? DisputeReason { get; set; }

    /// <summary>The operator's ruling, in words.</summary>
    public string? OperatorNote { get; set; }

    /// <summary>What this return gave back, once completed; 0 for an exchange.</summary>
    public long RefundedFen { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The only place that says which after-sales state may follow which.</summary>
public static class AfterSalesStateMachine
{
    private static readonly Dictionary<AfterSalesState, AfterSalesState[]> Allowed = new()
    {
        [AfterSalesState.Requested] = [AfterSalesState.Approved, AfterSalesState.Rejected],
        [AfterSalesState.Approved] = [AfterSalesState.ReturnShipped],
        [AfterSalesState.ReturnShipped] = [AfterSalesState.Completed],
        [AfterSalesState.Rejected] = [AfterSalesState.Disputed],
        // Ruling for the consumer turns the dispute into an approved request: the goods go back, the money follows.
        [AfterSalesState.Disputed] = [AfterSalesState.Approved, AfterSalesState.Closed],
        [AfterSalesState.Completed] = [],
        [AfterSalesState.Closed] = [],
    };

    /// <summary>States in which the request still counts against the line's quantity.</summary>
    public static readonly AfterSalesState[] Open = [AfterSalesState.Requested, AfterSalesState.Approved, AfterSalesState.ReturnShipped, AfterSalesState.Completed, AfterSalesState.Disputed];

    public static bool CanMove(AfterSalesState from, AfterSalesState to) => Allowed[from].Contains(to);

    public static string Chinese(AfterSalesState state) => state switch
    {
        AfterSalesState.Requested => "待商家处理",
        AfterSalesState.Approved => "待寄回",
        AfterSalesState.Rejected => "商家已拒绝",
        AfterSalesState.ReturnShipped => "已寄回，待商家收货",
        AfterSalesState.Completed => "已完成",
        AfterSalesState.Disputed => "平台介入中",
        AfterSalesState.Closed => "已关闭",
        _ => state.ToString(),
    };

    public static void EnsureCanMove(AfterSalesState from, AfterSalesState to)
    {
        if (!CanMove(from, to))
        {
            throw DomainException.Conflict("invalid_after_sales_state", $"An after-sales request that is {from} cannot become {to}.",
                $"售后申请状态不能从“{Chinese(from)}”变为“{Chinese(to)}”。");
        }
    }
}

public static class AfterSalesModel
{
    public static void Configure(ModelBuilder builder) => builder.Entity<AfterSalesRequest>(e =>
    {
        e.ToTable("AfterSalesRequests");
        e.Property(r => r.Reason).HasMaxLength(500);
        e.Property(r => r.PhotoUrl).HasMaxLength(500);
        e.Property(r => r.MerchantNote).HasMaxLength(500);
        e.Property(r => r.ReturnTrackingNumber).HasMaxLength(64);
        e.Property(r => r.DisputeReason).HasMaxLength(500);
        e.Property(r => r.OperatorNote).HasMaxLength(500);
        e.HasIndex(r => r.OrderId);
        e.HasIndex(r => new { r.MerchantId, r.State, r.CreatedAt });
        e.HasIndex(r => new { r.State, r.CreatedAt });
    });
}
