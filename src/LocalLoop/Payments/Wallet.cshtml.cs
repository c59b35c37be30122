using Microsoft.AspNetCore.Authorization;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Payments;

[Authorize]
public sealed class WalletModel(AppDbContext db, CurrentUser user) : PageModel
{
    public long BalanceFen { get; private set; }

    public List<WalletLine> Lines { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var queries = new WalletQueries(db);
        BalanceFen = await queries.BalanceAsync(user.RequiredId);
        Lines = await queries.MovementsAsync(user.RequiredId);
    }

    /// <summary>The text key naming a kind of ledger posting; unknown kinds show as they are.</summary>
    public static string KindKey(string kind) => kind switch
    {
        "payment" => "consumer.wallet.kind.payment",
        "refund" => "consumer.wallet.kind.refund",
        "demo-topup" => "consumer.wallet.kind.demoTopup",
        "topup" => "consumer.wallet.kind.topup",
        "topup-bonus" => "payflow.kind.topupBonus",
        "checkout-payment-hold" => "payments2.kind.hold",
        "checkout-payment-release" => "payments2.kind.release",
        _ => kind,
    };
}
