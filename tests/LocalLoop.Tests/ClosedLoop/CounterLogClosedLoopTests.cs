using System.Net;
using System.Net.Http.Json;
using LocalLoop.ExternalCodes;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.ClosedLoop;

/// <summary>
/// The counter's log reads like what happened: each use of a card with its number and value ("第 3 次 · ¥33.33"), and
/// an external platform's code with its platform's badge ("三方 · 沙箱券平台"), and a refusal in the page's language, in the
/// console and the API.
/// </summary>
public sealed class CounterLogClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_log_shows_each_card_use_with_its_value_and_external_codes_with_their_platform(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var card = (await Scenario.BuyWithWalletAsync(await scenario.NewConsumerAsync(), await MultiUseClosedLoopTests.CardDealAsync(app, merchant, 10_000, uses: 3), 1)).Single();
        var uses = new List<VerificationResult>();
        for (var i = 0; i < 3; i++)
        {
            uses.Add(await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldReturnAsync<VerificationResult>());
        }

        await Scenario.VerifyAsync(merchant.Clerk, merchant.HonouringStoreId, card.Code).ShouldBeProblemAsync(409, "used_up");

        var shop = await VoucherPlatform.BindAsync(app, merchant);
        var external = (await VoucherPlatform.SellAsync(app, shop)).Single();
        var consumed = await VoucherPlatform.ConsumeAsync(merchant.Clerk, merchant.HonouringStoreId, external).ShouldReturnAsync<ExternalConsumptionResult>();

        var log = (await merchant.Clerk.GetFromJsonAsync<List<VerificationLogEntry>>("/api/merchant/verifications"))!;
        var cardRows = uses.Select(u => log.Single(e => e.Id == u.AttemptId)).ToList();
        cardRows.Select(e => $"{e.UseNumber}/{e.TotalUses} {e.ValueFen}").ShouldBeEquivalentTo(["1/3 3334", "2/3 3333", "3/3 3333"]);
        var externalRow = log.Single(e => e.Id == consumed.AttemptId);
        (externalRow.ExternalPlatform, externalRow.ExternalPlatformNameZh, externalRow.ExternalPlatformName, externalRow.UseNumber)
            .ShouldBe(("sandbox", "沙箱券平台", "Sandbox voucher platform", (int?)null));

        var refused = log.Single(e => !e.Succeeded && e.Code == card.Code);
        (refused.OutcomeZh ?? "").StartsWith("该次卡的 3 次已全部用完", StringComparison.Ordinal).ShouldBeTrue($"the log keeps the Chinese outcome: {refused.OutcomeZh}");
        refused.Outcome.StartsWith("All 3 uses of this card have been used", StringComparison.Ordinal).ShouldBeTrue(refused.Outcome);

        var page = WebUtility.HtmlDecode(await merchant.Clerk.GetStringAsync("/merchant/verify"));
        page.Contains("第 3 次 · ¥33.33", StringComparison.Ordinal).ShouldBeTrue("the console shows the card's third use and its value");
        page.Contains("第 1 次 · ¥33.34", StringComparison.Ordinal).ShouldBeTrue("and its first");
        page.Contains("三方 · 沙箱券平台", StringComparison.Ordinal).ShouldBeTrue("the console marks the external platform's code");
        page.Contains("该次卡的 3 次已全部用完", StringComparison.Ordinal).ShouldBeTrue("the console reads the refusal in Chinese");
        await app.AssertLedgerBalancedAsync();
    }
}
