using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.Ledger;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.ExternalCodes;

/// <summary>三方码: a merchant links its shop on the sandbox voucher platform, the clerk verifies codes sold there, and the records follow — without touching our ledger.</summary>
public sealed class ExternalCodesClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_code_sold_on_the_platform_is_queried_consumed_logged_settled_apart_and_reversed(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var codes = await VoucherPlatform.SellAsync(app, shop, count: 2, faceValueFen: 10_000, settlementFen: 8_200, title: "沙箱平台双人套餐");
        var ledgerRowsBefore = await app.WithDbAsync(db => db.LedgerEntries.CountAsync());
        var pending = Accounts.MerchantPending(merchant.MerchantId);
        var pendingBefore = await app.AccountBalanceAsync(pending);

        // The clerk types the code (spaces and lower case forgiven) and sees what it is for.
        var typed = $"{codes[0][..5].ToLowerInvariant()} {codes[0][5..]}";
        var view = await VoucherPlatform.QueryAsync(merchant.Clerk, merchant.HonouringStoreId, typed).ShouldReturnAsync<ExternalCodeView>();
        (view.Platform, view.Code, view.Title, view.FaceValueFen, view.SettlementFen).ShouldBe(("sandbox", codes[0], "沙箱平台双人套餐", 10_000L, 8_200L));

        // Confirm: consumed on the platform, and recorded here.
        var consumed = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, typed).ShouldReturnAsync<ExternalConsumptionResult>();
        (consumed.Code, consumed.SettlementFen, consumed.StoreName).ShouldBe((codes[0], 8_200L, "人民广场店"));
        (await VoucherPlatform.CodeAsync(app, codes[0])).State.ShouldBe(SandboxCodeState.Consumed, "the platform consumed it");

        // A second time: the platform says it is used, in both languages.
        var (_, usedZh) = await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, codes[0]), 409, "already_verified");
        (usedZh.Contains("已使用", StringComparison.Ordinal) || usedZh.Contains("已于", StringComparison.Ordinal)).ShouldBeTrue("the Chinese says it was already used");

        // The same verification log as our vouchers, naming the platform; the failed second try too.
        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        var entry = log.Single(e => e.Id == consumed.AttemptId);
        (entry.Code, entry.Succeeded, entry.ExternalPlatform, entry.ClerkName).ShouldBe((codes[0], true, "sandbox", "店员 Clerk"));
        entry.ReversibleUntil.ShouldBe(null, "an external code is reversed on its own tab, through its platform");
        log.Count(e => e.Code == codes[0] && !e.Succeeded).ShouldBe(1);

        // 三方平台结算: what the platform owes the merchant, per platform and day.
        var settlement = await VoucherPlatform.SettlementAsync(merchant.Owner);
        var day = settlement.Days.Single();
        (day.Platform, day.Count, day.FaceValueFen, day.SettlementFen).ShouldBe(("sandbox", 1, 10_000L, 8_200L));
        settlement.Totals.Single().SettlementFen.ShouldBe(8_200L);

        // 冲正 within the window, with a reason: the code is usable on the platform again, and no longer owed.
        var recent = (await VoucherPlatform.ConsumptionsAsync(merchant.Clerk)).Single(c => c.Id == consumed.ConsumptionId);
        (recent.State, recent.ReversibleUntil is not null).ShouldBe(("Consumed", true));
        var reversed = await VoucherPlatform.ReverseAsync(merchant.Clerk, consumed.ConsumptionId, "核销错了 / wrong code").ShouldReturnAsync<ExternalReversalResult>();
        reversed.Reason.ShouldBe("核销错了 / wrong code");
        (await VoucherPlatform.CodeAsync(app, codes[0])).State.ShouldBe(SandboxCodeState.Unused, "the platform reversed it");
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Days.Count.ShouldBe(0, "a reversed consumption is not owed");
        var reversedEntry = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!.Single(e => e.Id == consumed.AttemptId);
        (reversedEntry.ReversalReason, reversedEntry.ReversedByName).ShouldBe(("核销错了 / wrong code", "店员 Clerk"));
        await VoucherPlatform.RefusalAsync(VoucherPlatform.ReverseAsync(merchant.Clerk, consumed.ConsumptionId, "again"), 409, "already_reversed");

        // Both codes consumed now; after the window the store can no longer reverse.
        var again = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, codes[0]).ShouldReturnAsync<ExternalConsumptionResult>();
        await VoucherPlatform.ConsumeAsync(merchant.Owner, merchant.OtherStoreId, codes[1]).ShouldReturnAsync<ExternalConsumptionResult>();
        var totals = (await VoucherPlatform.SettlementAsync(merchant.Owner)).Totals.Single();
        (totals.Count, totals.FaceValueFen, totals.SettlementFen).ShouldBe((2, 20_000L, 16_400L));
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await VoucherPlatform.RefusalAsync(VoucherPlatform.ReverseAsync(merchant.Clerk, again.ConsumptionId, "too late"), 409, "reversal_window_passed");

        // Our ledger never moved: the external platform pays the merchant itself.
        (await app.WithDbAsync(db => db.LedgerEntries.CountAsync())).ShouldBe(ledgerRowsBefore, "external consumptions post nothing");
        (await app.AccountBalanceAsync(pending)).ShouldBe(pendingBefore);
        await app.AssertLedgerBalancedAsync();
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Unknown_and_expired_codes_are_refused_with_the_reason(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var expiring = (await VoucherPlatform.SellAsync(app, shop)).Single();

        await VoucherPlatform.RefusalAsync(VoucherPlatform.QueryAsync(merchant.Clerk, merchant.HonouringStoreId, "EX23456789"), 404, "unknown_code");
        await VoucherPlatform.RefusalAsync(VoucherPlatform.QueryAsync(merchant.Clerk, merchant.HonouringStoreId, "123456789012"), 400, "validation_failed");
        var otherShop = await VoucherPlatform.OpenShopAsync(app);
        var notOurs = (await VoucherPlatform.SellAsync(app, otherShop)).Single();
        await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, notOurs), 404, "unknown_code");

        // A day later on the platform (its own clock and data: the code's validity ended).
        var ended = app.Clock.GetUtcNow().AddMinutes(-1);
        await app.WithDbAsync(db => db.Set<SandboxPlatformCode>().Where(c => c.Code == expiring).ExecuteUpdateAsync(s => s.SetProperty(c => c.ValidUntil, ended)));
        var (_, expiredZh) = await VoucherPlatform.RefusalAsync(VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, expiring), 409, "expired");
        expiredZh.Contains("过期", StringComparison.Ordinal).ShouldBeTrue();

        var log = (await merchant.Owner.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        log.Count(e => !e.Succeeded && e.ExternalPlatform == "sandbox").ShouldBe(4, "every refused attempt is in the log");
        (await VoucherPlatform.SettlementAsync(merchant.Owner)).Days.Count.ShouldBe(0);
        (await VoucherPlatform.CodeAsync(app, expiring)).State.ShouldBe(SandboxCodeState.Unused);
        await app.AssertLedgerBalancedAsync();
    }
}
