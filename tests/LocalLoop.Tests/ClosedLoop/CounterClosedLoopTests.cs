using System.Net.Http.Json;
using System.Text.Json;
using LocalLoop.Ledger;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// The clerk's counter: a customer gives their phone number, the clerk sees that customer's vouchers of this
/// merchant only (codes masked), and verifies a table's worth at once, all or nothing.
/// </summary>
public sealed class CounterClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_clerk_looks_up_a_phone_and_verifies_three_of_four_vouchers_at_once(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync(priceFen: 8_800);
        var b = await scenario.NewMerchantAsync(priceFen: 5_000, title: "B 的咖啡");
        var phone = Scenario.NewPhone();
        // Typed with the country code, spaces and dashes; looked up as the bare number.
        var consumer = await scenario.NewConsumerAsync(phone: $"+86 {phone[..3]}-{phone[3..7]}-{phone[7..]}");
        var ofA = await Scenario.BuyWithWalletAsync(consumer, a.DealId, 4);
        var ofB = (await Scenario.BuyWithWalletAsync(consumer, b.DealId, 1)).Single();

        var lookup = await Scenario.LookUpAsync(a.Clerk, a.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>();

        lookup.Vouchers.Select(v => v.Id).Order().ShouldBeEquivalentTo(ofA.Select(v => v.Id).Order());
        lookup.Vouchers.All(v => v.UsableHere && v.Reason is null).ShouldBeTrue("all four are usable at the honouring store");
        foreach (var voucher in lookup.Vouchers)
        {
            var code = ofA.Single(v => v.Id == voucher.Id).Code;
            voucher.MaskedCode.ShouldBe("********" + code[^4..], "only the last four digits are shown");
            voucher.DealTitle.ShouldBe("双人火锅套餐");
            voucher.ValueFen.ShouldBe(8_800L);
        }

        lookup.Vouchers.Any(v => v.Id == ofB.Id).ShouldBe(false, "B's voucher is never shown to A");
        var pendingBefore = await app.AccountBalanceAsync(Accounts.MerchantPending(a.MerchantId));

        var three = ofA.Take(3).Select(v => v.Id).ToList();
        var batch = await Scenario.VerifyBatchAsync(a.Clerk, a.HonouringStoreId, three).ShouldReturnAsync<BatchVerificationResult>();

        batch.Verified.Select(v => v.VoucherId).Order().ShouldBeEquivalentTo(three.Order());
        batch.TotalValueFen.ShouldBe(3 * 8_800L);
        batch.Verified.All(v => v.Code.StartsWith("********", StringComparison.Ordinal)).ShouldBeTrue("picked by id: the answer keeps codes masked");
        foreach (var id in three)
        {
            (await app.WithDbAsync(db => db.LedgerEntries.CountAsync(e => e.ReferenceId == id && e.Kind == "verification"))).ShouldBe(3, "each voucher settles in its own transaction");
            (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(x => x.VoucherId == id && x.Succeeded))).ShouldBe(1, "each success is logged");
        }

        var commission = batch.Verified.Sum(v => v.CommissionFen);
        (await app.AccountBalanceAsync(Accounts.MerchantPending(a.MerchantId)) - pendingBefore).ShouldBe(3 * 8_800L - commission);
        var log = await a.Clerk.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications") ?? [];
        log.Count(e => e.Succeeded).ShouldBe(3);
        log.Any(e => ofA.Any(v => v.Code == e.Code)).ShouldBe(false, "the log does not reveal full codes of vouchers picked by id");

        var after = await Scenario.LookUpAsync(a.Clerk, a.HonouringStoreId, phone).ShouldReturnAsync<PhoneLookupResult>();
        after.Vouchers.Single(v => v.Id == ofA[3].Id).UsableHere.ShouldBeTrue("the fourth is still usable");
        after.Vouchers.Where(v => three.Contains(v.Id)).All(v => !v.UsableHere && v.ReasonCode == "already_verified").ShouldBeTrue("the three are used");

        // Consumer-side: B's voucher is untouched.
        (await Scenario.VouchersAsync(consumer)).Single(v => v.Id == ofB.Id).State.ShouldBe(nameof(VoucherState.Issued));
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_refunded_voucher_shows_why_and_refuses_the_whole_batch(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var phone = Scenario.NewPhone();
        var consumer = await scenario.NewConsumerAsync(phone: phone);
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, a.DealId, 3);
        await (await consumer.Client.PostAsync($"/api/me/vouchers/{vouchers[0].Id}/refund", null)).ShouldHaveStatusAsync(200);
        var pendingBefore = await app.AccountBalanceAsync(Accounts.MerchantPending(a.MerchantId));

        var lookup = await Scenario.LookUpAsync(a.Clerk, a.HonouringStoreId, $"{phone[..3]} {phone[3..7]} {phone[7..]}").ShouldReturnAsync<PhoneLookupResult>();
        var refunded = lookup.Vouchers.Single(v => v.Id == vouchers[0].Id);
        refunded.UsableHere.ShouldBe(false);
        refunded.ReasonCode.ShouldBe("refunded");
        refunded.Reason.ShouldBe("This voucher was refunded and can no longer be used.");
        refunded.ReasonZh.ShouldBe("该券已退款，不能再使用。");

        var response = await Scenario.VerifyBatchAsync(a.Clerk, a.HonouringStoreId, vouchers.Select(v => v.Id));
        await response.ShouldHaveStatusAsync(409);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("code").GetString().ShouldBe("batch_refused");
        var items = problem.RootElement.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(3, "the answer lists every voucher");
        items.Single(i => i.GetProperty("voucherId").GetGuid() == vouchers[0].Id).GetProperty("reasonCode").GetString().ShouldBe("refunded");
        items.Count(i => i.GetProperty("usable").GetBoolean()).ShouldBe(2);

        (await Scenario.VouchersAsync(consumer)).Where(v => v.Id != vouchers[0].Id).All(v => v.State == nameof(VoucherState.Issued))
            .ShouldBeTrue("all or nothing: the usable ones were not verified either");
        (await app.AccountBalanceAsync(Accounts.MerchantPending(a.MerchantId))).ShouldBe(pendingBefore, "no money moved");
        (await app.WithDbAsync(db => db.VerificationAttempts.CountAsync(x => x.MerchantId == a.MerchantId && x.Succeeded))).ShouldBe(0);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_typed_code_refused_names_its_deal_and_a_batch_of_codes_verifies(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var vouchers = await Scenario.BuyWithWalletAsync(consumer, a.DealId, 2);

        // At a store that does not honour the deal: refused, and the answer says which deal it was.
        var refused = await Scenario.VerifyAsync(a.Clerk, a.OtherStoreId, vouchers[0].Code);
        await refused.ShouldHaveStatusAsync(409);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("code").GetString().ShouldBe("wrong_store");
            problem.RootElement.GetProperty("dealTitle").GetString().ShouldBe("双人火锅套餐");
        }

        var batch = await a.Clerk.PostAsJsonAsync("/api/merchant/verifications/batch",
            new BatchVerifyRequest(a.HonouringStoreId, Codes: vouchers.Select(v => v.Code[..4] + " " + v.Code[4..]).ToList())).ShouldReturnAsync<BatchVerificationResult>();
        batch.Verified.Select(v => v.Code).Order().ShouldBeEquivalentTo(vouchers.Select(v => v.Code).Order());
        (await Scenario.VouchersAsync(consumer)).All(v => v.State == nameof(VoucherState.Verified)).ShouldBeTrue();
        await app.AssertLedgerBalancedAsync();
    }
}
