using System.Net.Http.Json;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Xunit;

namespace LocalLoop.Tests.Nodes;

/// <summary>
/// Two app nodes over one database, as behind a load balancer: a sign-in made on one node is honoured on the
/// other (shared data-protection keys), and a voucher verified through one node cannot be verified through the other.
/// </summary>
public sealed class MultiNodeRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_cookie_and_a_token_issued_by_one_node_work_on_the_other_and_a_code_is_consumed_once_across_nodes(string database)
    {
        var first = await fixture.For(database);
        await using var second = TestApp.SecondNodeOf(first);
        var scenario = new Scenario(first);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();

        // Cookie from node 1, presented to node 2.
        var login = await first.Anonymous().PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = consumer.Email, password = TestApp.Password });
        await login.ShouldHaveStatusAsync(200);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        await (await second.Anonymous().SendAsync(request)).ShouldHaveStatusAsync(200);

        // Bearer token from node 1 (inside consumer.Client), used on node 2.
        var onSecond = second.Anonymous();
        onSecond.DefaultRequestHeaders.Authorization = consumer.Client.DefaultRequestHeaders.Authorization;
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, merchant.DealId, 1)).Single();
        (await onSecond.GetFromJsonAsync<List<VoucherView>>("/api/me/vouchers"))!.Single(v => v.Id == voucher.Id).State.ShouldBe(nameof(VoucherState.Issued));

        // The clerk's requests alternate between the nodes; still exactly one verification wins.
        var clerkOnSecond = second.Anonymous();
        clerkOnSecond.DefaultRequestHeaders.Authorization = merchant.Clerk.DefaultRequestHeaders.Authorization;
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Scenario.VerifyAsync(i % 2 == 0 ? merchant.Clerk : clerkOnSecond, merchant.HonouringStoreId, voucher.Code)));
        responses.Count(r => (int)r.StatusCode == 200).ShouldBe(1);
        await first.AssertLedgerBalancedAsync();
    }
}
