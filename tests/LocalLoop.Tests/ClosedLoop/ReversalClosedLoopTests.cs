using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Platform.Outbox;
using LocalLoop.Reviews;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>冲正: a clerk reverses a mistaken verification; the voucher, the ledger, the log and the consumer's inbox all follow.</summary>
public sealed class ReversalClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_mistaken_verification_is_reversed_and_the_voucher_is_unused_again(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 8_850);
        var consumer = await scenario.NewConsumerAsync(walletFen: 50_000);
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var pending = Accounts.MerchantPending(merchant.MerchantId);
        var pendingBefore = await app.AccountBalanceAsync(pending);
        var revenueBefore = await app.AccountBalanceAsync(Accounts.PlatformRevenue);
        var escrowBefore = await app.AccountBalanceAsync(Accounts.PlatformEscrow);

        // The clerk verifies the wrong customer's code…
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        (await app.AccountBalanceAsync(pending)).ShouldBe(pendingBefore + 8_850 - 443);

        // …and reverses it with a reason.
        var reversed = await Reverse(merchant.Clerk, verified.AttemptId, "扫错了顾客的券 / wrong customer").ShouldReturnAsync<ReversalResult>();
        reversed.VoucherId.ShouldBe(voucher.Id);
        reversed.VoucherState.ShouldBe("Issued");
        reversed.ValueFen.ShouldBe(8_850L);
        reversed.CommissionFen.ShouldBe(443L);
        reversed.Reason.ShouldBe("扫错了顾客的券 / wrong customer");

        // The voucher is unused again, with nothing left of the verification.
        var again = (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == voucher.Id);
        again.State.ShouldBe(nameof(VoucherState.Issued));
        again.VerifiedAt.ShouldBe(null);
        again.VerifiedAtStoreId.ShouldBe(null);
        var stored = await app.WithDbAsync(db => db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == voucher.Id));
        (stored.VerifiedByUserId, stored.CommissionFen).ShouldBe((null, null));

        // The ledger posted the exact opposite: merchant, revenue and escrow are back where they were.
        (await app.AccountBalanceAsync(pending)).ShouldBe(pendingBefore);
        (await app.AccountBalanceAsync(Accounts.PlatformRevenue)).ShouldBe(revenueBefore);
        (await app.AccountBalanceAsync(Accounts.PlatformEscrow)).ShouldBe(escrowBefore);
        var reversal = await app.WithDbAsync(db => db.LedgerEntries.AsNoTracking()
            .Where(e => e.ReferenceId == voucher.Id && e.Kind == "verification-reversal").ToListAsync());
        reversal.Select(e => e.TransactionId).Distinct().Count().ShouldBe(1, "one reversal transaction");
        reversal.Single(e => e.Account == Accounts.PlatformEscrow).AmountFen.ShouldBe(8_850L);
        reversal.Single(e => e.Account == pending).AmountFen.ShouldBe(-(8_850L - 443));
        reversal.Single(e => e.Account == Accounts.PlatformRevenue).AmountFen.ShouldBe(-443L);

        // The log keeps the verification and shows who reversed it, when and why.
        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        var entry = log.Single(e => e.Id == verified.AttemptId);
        entry.Succeeded.ShouldBeTrue("the log keeps what happened");
        (entry.ReversedAt is not null).ShouldBeTrue("the row records the reversal");
        entry.ReversedByName.ShouldBe("店员 Clerk");
        entry.ReversalReason.ShouldBe("扫错了顾客的券 / wrong customer");
        entry.ReversibleUntil.ShouldBe(null, "a reversed verification cannot be reversed again");

        // The consumer is told.
        var notifications = await WaitForNotificationAsync(consumer.Client, "Verification reversed");
        notifications.Single(n => n.Title.Contains("Verification reversed", StringComparison.Ordinal)).Body.Contains("wrong customer", StringComparison.Ordinal)
            .ShouldBeTrue("the consumer reads why");

        // Reversing twice is refused; the voucher can be verified again, and then it cannot be refunded.
        await Reverse(merchant.Clerk, verified.AttemptId, "again").ShouldBeProblemAsync(409, "already_reversed");
        var second = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        (second.AttemptId != verified.AttemptId).ShouldBeTrue("a new verification is a new log row");
        (await app.AccountBalanceAsync(pending)).ShouldBe(pendingBefore + 8_850 - 443);
        await consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null).ShouldBeProblemAsync(409, "already_verified");
        await Reverse(merchant.Clerk, verified.AttemptId, "the old one").ShouldBeProblemAsync(409, "already_reversed");

        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task After_the_window_the_store_is_refused_and_only_an_admin_can_reverse(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync(priceFen: 6_000);
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        (log.Single(e => e.Id == verified.AttemptId).ReversibleUntil is not null).ShouldBeTrue("reversible within the window");

        // Eleven minutes later by the app's clock (the window is ten by default). The clock only moves forward, so the
        // other tests of this class, which share the app, simply run later.
        app.Clock.Advance(TimeSpan.FromMinutes(11));

        var detail = await Reverse(merchant.Clerk, verified.AttemptId, "太晚了").ShouldBeProblemAsync(409, "reversal_window_passed");
        detail.Contains("10 minutes", StringComparison.Ordinal).ShouldBeTrue("the message says what the window is");
        await Reverse(merchant.Owner, verified.AttemptId, "店主也不行").ShouldBeProblemAsync(409, "reversal_window_passed");
        log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Single(e => e.Id == verified.AttemptId).ReversibleUntil.ShouldBe(null, "the console no longer offers it");

        // A reviewer is an operator but may not move money; an admin may.
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        await (await reviewer.PostAsJsonAsync($"/api/admin/verifications/{verified.AttemptId}/reverse", new ReverseRequest("x"))).ShouldHaveStatusAsync(403);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        await admin.PostAsJsonAsync($"/api/admin/verifications/{verified.AttemptId}/reverse", new ReverseRequest(""))
            .ShouldBeProblemAsync(400, "validation_failed");
        var reversed = await admin.PostAsJsonAsync($"/api/admin/verifications/{verified.AttemptId}/reverse", new ReverseRequest("商家来电：店员误核销"))
            .ShouldReturnAsync<ReversalResult>();
        reversed.VoucherState.ShouldBe("Issued");
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == voucher.Id).State.ShouldBe(nameof(VoucherState.Issued));
        (await app.AccountBalanceAsync(Accounts.MerchantPending(merchant.MerchantId))).ShouldBe(0L);
        log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Single(e => e.Id == verified.AttemptId).ReversedByName.ShouldBe("Admin");
        await admin.PostAsJsonAsync($"/api/admin/verifications/{verified.AttemptId}/reverse", new ReverseRequest("again"))
            .ShouldBeProblemAsync(409, "already_reversed");

        // Unused again, so the consumer may now refund it.
        await (await consumer.Client.PostAsync($"/api/me/vouchers/{voucher.Id}/refund", null)).ShouldHaveStatusAsync(200);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Bad_input_other_tenants_and_reviewed_vouchers_are_refused(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var other = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 2);
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, vouchers[0].Code).ShouldReturnAsync<VerificationResult>();

        // A reason is required, and short.
        await (await merchant.Clerk.PostAsJsonAsync($"/api/merchant/verifications/{verified.AttemptId}/reverse", new { })).ShouldHaveStatusAsync(400);
        await Reverse(merchant.Clerk, verified.AttemptId, null).ShouldBeProblemAsync(400, "validation_failed");
        await Reverse(merchant.Clerk, verified.AttemptId, "   ").ShouldBeProblemAsync(400, "validation_failed");
        await Reverse(merchant.Clerk, verified.AttemptId, new string('错', 201)).ShouldBeProblemAsync(400, "validation_failed");

        // Unknown ids and another merchant's verification are simply not found; a consumer is not staff.
        await Reverse(merchant.Clerk, Guid.NewGuid(), "不存在").ShouldBeProblemAsync(404, "not_found");
        await Reverse(other.Clerk, verified.AttemptId, "别家的").ShouldBeProblemAsync(404, "not_found");
        await Reverse(other.Owner, verified.AttemptId, "别家的").ShouldBeProblemAsync(404, "not_found");
        await (await Reverse(consumer.Client, verified.AttemptId, "我是顾客")).ShouldHaveStatusAsync(403);
        await (await consumer.Client.PostAsJsonAsync($"/api/admin/verifications/{verified.AttemptId}/reverse", new ReverseRequest("我是顾客"))).ShouldHaveStatusAsync(403);
        await (await merchant.Owner.PostAsJsonAsync($"/api/admin/verifications/{verified.AttemptId}/reverse", new ReverseRequest("店主"))).ShouldHaveStatusAsync(403);
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == vouchers[0].Id).State.ShouldBe(nameof(VoucherState.Verified), "nothing was reversed");

        // A refused attempt used no voucher: nothing to reverse.
        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, "000000000000").ShouldBeProblemAsync(404, "unknown_code");
        await Scenario.VerifyAsync(merchant.Clerk, merchant.OtherStoreId, vouchers[1].Code).ShouldBeProblemAsync(409, "wrong_store");
        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Where(e => !e.Succeeded).All(e => e.ReversibleUntil is null).ShouldBeTrue("refused attempts are not offered for reversal");
        foreach (var failed in log.Where(e => !e.Succeeded))
        {
            var detail = await Reverse(merchant.Clerk, failed.Id, "失败的").ShouldBeProblemAsync(409, "not_verified");
            detail.Contains("nothing to reverse", StringComparison.Ordinal).ShouldBeTrue("the message says why");
        }

        // Once the consumer reviewed the visit, the consumption stands.
        await (await consumer.Client.PostAsJsonAsync("/api/reviews", new ReviewRequest(vouchers[0].Id, 5, "很好吃"))).ShouldHaveStatusAsync(201);
        log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Single(e => e.Id == verified.AttemptId).ReversibleUntil.ShouldBe(null, "a reviewed visit is not offered for reversal");
        await Reverse(merchant.Clerk, verified.AttemptId, "已评价").ShouldBeProblemAsync(409, "reviewed");
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        await admin.PostAsJsonAsync($"/api/admin/verifications/{verified.AttemptId}/reverse", new ReverseRequest("已评价"))
            .ShouldBeProblemAsync(409, "reviewed");
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == vouchers[0].Id).State.ShouldBe(nameof(VoucherState.Verified));
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_idempotency_key_replays_the_reversal(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        var verified = await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        var key = Guid.NewGuid().ToString();

        Task<HttpResponseMessage> Send()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/merchant/verifications/{verified.AttemptId}/reverse")
            {
                Content = JsonContent.Create(new ReverseRequest("重复提交")),
            };
            request.Headers.Add("Idempotency-Key", key);
            return merchant.Clerk.SendAsync(request);
        }

        var first = await Send().ShouldReturnAsync<ReversalResult>();
        var replay = await Send();
        await replay.ShouldHaveStatusAsync(200);
        replay.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await replay.Content.ReadFromJsonAsync<ReversalResult>())!.ReversedAt.ShouldBe(first.ReversedAt);
        (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == voucher.Id && e.Kind == "verification-reversal"))).ShouldBe(3);
        await app.AssertLedgerBalancedAsync();
    }

    public static Task<HttpResponseMessage> Reverse(HttpClient client, Guid attemptId, string? reason) =>
        client.PostAsJsonAsync($"/api/merchant/verifications/{attemptId}/reverse", new ReverseRequest(reason));

    private static async Task<List<NotificationView>> WaitForNotificationAsync(HttpClient client, string title)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<NotificationView> notifications;
        do
        {
            notifications = (await client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications"))!;
            if (notifications.Any(n => n.Title.Contains(title, StringComparison.Ordinal)))
            {
                return notifications;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"No notification '{title}' arrived; got [{string.Join(", ", notifications.Select(n => n.Title))}].");
        return notifications;
    }
}
