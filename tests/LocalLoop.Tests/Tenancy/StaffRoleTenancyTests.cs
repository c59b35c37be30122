using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Platform.Identity;
using LocalLoop.StaffRoles;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Tenancy;

/// <summary>
/// The role matrix: every <c>/api/merchant/...</c> endpoint the app maps (read from its EndpointDataSource, so a new
/// endpoint is covered the day it is mapped) is called as each kind of caller, and answers 401/403 exactly where the
/// policy table says; and every endpoint that takes an id answers 404 for another merchant's id and changes nothing.
/// </summary>
public sealed class StaffRoleTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Owner = "owner", Manager = "manager", Clerk = "clerk", Warehouse = "warehouse", Service = "customer service",
        Agent = "agent acting", Consumer = "consumer", Anonymous = "anonymous";

    /// <summary>Who passes each merchant policy (decision 0016).</summary>
    private static readonly Dictionary<string, string[]> PolicyCallers = new()
    {
        [Policies.MerchantOwner] = [Owner],
        [Policies.MerchantStaff] = [Owner, Manager, Clerk],
        [Policies.MerchantManage] = [Owner, Manager, Agent],
        [Policies.MerchantFinance] = [Owner, Manager],
        [Policies.MerchantInventory] = [Owner, Manager, Warehouse],
        [Policies.MerchantService] = [Owner, Manager, Service],
    };

    /// <summary>
    /// The expectation table: the policy each existing endpoint must have. An endpoint missing here is still called,
    /// with the policy it declares; an endpoint listed here must exist and declare exactly this policy.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /api/merchant/stores"] = Policies.MerchantManage,
        ["POST /api/merchant/stores"] = Policies.MerchantManage,
        ["GET /api/merchant/deals/"] = Policies.MerchantManage,
        ["GET /api/merchant/deals/{id:guid}"] = Policies.MerchantManage,
        ["POST /api/merchant/deals/"] = Policies.MerchantManage,
        ["GET /api/merchant/staff"] = Policies.MerchantOwner,
        ["POST /api/merchant/staff/clerks"] = Policies.MerchantOwner,
        ["PUT /api/merchant/staff/{userId:guid}/stores"] = Policies.MerchantOwner,
        ["POST /api/merchant/staff/"] = Policies.MerchantOwner,
        ["PUT /api/merchant/staff/{userId:guid}/role"] = Policies.MerchantOwner,
        ["POST /api/merchant/staff/{userId:guid}/disable"] = Policies.MerchantOwner,
        ["POST /api/merchant/staff/{userId:guid}/enable"] = Policies.MerchantOwner,
        ["GET /api/merchant/hosting/grants"] = Policies.MerchantOwner,
        ["POST /api/merchant/hosting/grants"] = Policies.MerchantOwner,
        ["POST /api/merchant/hosting/grants/{id:guid}/revoke"] = Policies.MerchantOwner,
        ["GET /api/merchant/hosting/audit"] = Policies.MerchantOwner,
        ["GET /api/merchant/external-platforms/"] = Policies.MerchantOwner,
        ["PUT /api/merchant/external-platforms/"] = Policies.MerchantOwner,
        ["GET /api/merchant/external-platforms/settlement"] = Policies.MerchantFinance,
        ["POST /api/merchant/external-codes/query"] = Policies.MerchantStaff,
        ["POST /api/merchant/external-codes/consume"] = Policies.MerchantStaff,
        ["GET /api/merchant/external-codes/consumptions"] = Policies.MerchantStaff,
        ["POST /api/merchant/external-codes/consumptions/{id:guid}/reverse"] = Policies.MerchantStaff,
        ["POST /api/merchant/verifications/"] = Policies.MerchantStaff,
        ["POST /api/merchant/verifications/batch"] = Policies.MerchantStaff,
        ["GET /api/merchant/verifications/"] = Policies.MerchantStaff,
        ["POST /api/merchant/verifications/{attemptId:guid}/reverse"] = Policies.MerchantStaff,
        ["GET /api/merchant/vouchers/lookup"] = Policies.MerchantStaff,
        ["GET /api/merchant/vouchers/preview"] = Policies.MerchantStaff,
        ["GET /api/merchant/dashboard"] = Policies.MerchantFinance,
        ["GET /api/merchant/reports/breakage"] = Policies.MerchantFinance,
        ["GET /api/merchant/inventory/locations"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/warehouses"] = Policies.MerchantInventory,
        ["GET /api/merchant/inventory/stock"] = Policies.MerchantInventory,
        ["PUT /api/merchant/inventory/stock/{locationId:guid}/{skuId:guid}/threshold"] = Policies.MerchantInventory,
        ["GET /api/merchant/inventory/movements"] = Policies.MerchantInventory,
        ["GET /api/merchant/inventory/receipts"] = Policies.MerchantInventory,
        ["GET /api/merchant/inventory/receipts/{id:guid}"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/receipts"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/receipts/{id:guid}/receive"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/receipts/{id:guid}/return"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/transfers"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/defective"] = Policies.MerchantInventory,
        ["GET /api/merchant/inventory/stocktakes"] = Policies.MerchantInventory,
        ["GET /api/merchant/inventory/stocktakes/{id:guid}"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/stocktakes"] = Policies.MerchantInventory,
        ["PUT /api/merchant/inventory/stocktakes/{id:guid}/counts"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/stocktakes/{id:guid}/lines"] = Policies.MerchantInventory,
        ["POST /api/merchant/inventory/stocktakes/{id:guid}/approve"] = Policies.MerchantFinance,
        ["GET /api/merchant/orders/"] = Policies.MerchantStaff,
        ["GET /api/merchant/orders/{id:guid}"] = Policies.MerchantStaff,
        ["POST /api/merchant/orders/{id:guid}/progress"] = Policies.MerchantStaff,
        ["POST /api/merchant/pos/sales"] = Policies.MerchantStaff,
        ["GET /api/merchant/shipments/"] = Policies.MerchantInventory,
        ["POST /api/merchant/shipments/merge"] = Policies.MerchantInventory,
        ["POST /api/merchant/shipments/split/{orderId:guid}"] = Policies.MerchantInventory,
        ["POST /api/merchant/shipments/pack/{orderId:guid}"] = Policies.MerchantInventory,
        ["POST /api/merchant/shipments/{id:guid}/dispatch"] = Policies.MerchantInventory,
        ["DELETE /api/merchant/shipments/{id:guid}"] = Policies.MerchantInventory,
        ["POST /api/merchant/orders/{id:guid}/refunds"] = Policies.MerchantService,
        ["POST /api/merchant/orders/{id:guid}/cancel"] = Policies.MerchantStaff,
        ["GET /api/merchant/after-sales/"] = Policies.MerchantService,
        ["POST /api/merchant/after-sales/{id:guid}/approve"] = Policies.MerchantService,
        ["POST /api/merchant/after-sales/{id:guid}/reject"] = Policies.MerchantService,
        ["POST /api/merchant/after-sales/{id:guid}/received"] = Policies.MerchantService,
        ["GET /api/merchant/settings/cash-on-delivery"] = Policies.MerchantManage,
        ["PUT /api/merchant/settings/cash-on-delivery"] = Policies.MerchantManage,
    };

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Every_merchant_endpoint_declares_the_policy_of_the_table(string database)
    {
        var app = await fixture.For(database);
        var endpoints = MerchantEndpoints(app);
        var problems = new List<string>();
        foreach (var (key, policies) in endpoints)
        {
            var merchantPolicies = policies.Where(PolicyCallers.ContainsKey).ToList();
            if (merchantPolicies.Count == 0)
            {
                problems.Add($"{key} has no merchant policy");
            }
            else if (Expected.TryGetValue(key, out var expected) && (merchantPolicies.Count != 1 || merchantPolicies[0] != expected))
            {
                problems.Add($"{key} declares {string.Join(" + ", merchantPolicies)}, the table says {expected}");
            }
        }

        problems.AddRange(Expected.Keys.Except(endpoints.Keys).Select(key => $"{key} is in the table but not mapped"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Each_role_reaches_exactly_the_merchant_endpoints_its_policies_allow(string database)
    {
        var app = await fixture.For(database);
        var merchant = await new Scenario(app).NewMerchantAsync();
        var staff = new StaffScenario(app);
        var agent = await staff.NewAgentAsync();
        var grant = await StaffScenario.GrantAsync(merchant, agent.Email);
        var callers = new Dictionary<string, HttpClient>
        {
            [Owner] = merchant.Owner,
            [Manager] = (await staff.InviteAsync(merchant, Roles.Manager)).Client,
            [Clerk] = merchant.Clerk,
            [Warehouse] = (await staff.InviteAsync(merchant, Roles.Warehouse)).Client,
            [Service] = (await staff.InviteAsync(merchant, Roles.CustomerService)).Client,
            [Agent] = await staff.ActAsync(agent, grant.Id),
            [Consumer] = (await new Scenario(app).NewConsumerAsync()).Client,
            [Anonymous] = app.Anonymous(),
        };
        var query = $"?storeId={merchant.HonouringStoreId}&phone=13800000000&code=123456789012";

        var wrong = new List<string>();
        foreach (var (key, policies) in MerchantEndpoints(app))
        {
            var allowed = policies.Where(PolicyCallers.ContainsKey).Select(p => PolicyCallers[p]).Aggregate((a, b) => [.. a.Intersect(b)]);
            foreach (var (caller, client) in callers)
            {
                var expected = allowed.Contains(caller) ? "allowed" : caller == Anonymous ? "401" : "403";
                var response = await client.SendAsync(WithIds(key, _ => Guid.NewGuid()) + query, Body(key));
                var status = (int)response.StatusCode;
                var actual = status is 401 or 403 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "allowed";
                if (actual != expected)
                {
                    wrong.Add($"{key} as {caller}: expected {expected}, got {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} calls answered against the policy table:\n{string.Join("\n", wrong)}");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_ids_answer_404_on_every_endpoint_that_takes_an_id_and_change_nothing(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var staff = new StaffScenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync();
        var voucher = (await Scenario.BuyWithWalletAsync(consumer, b.DealId, 1)).Single();
        var attempt = await Scenario.VerifyAsync(b.Clerk, b.HonouringStoreId, voucher.Code).ShouldReturnAsync<VerificationResult>();
        var clerkOfB = (await b.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!.Single(m => m.Email == b.ClerkEmail);
        var grantOfB = await StaffScenario.GrantAsync(b, (await staff.NewAgentAsync()).Email);
        Guid IdOfB(string key) =>
            key.Contains("/deals/", StringComparison.Ordinal) ? b.DealId
            : key.Contains("/verifications/", StringComparison.Ordinal) ? attempt.AttemptId
            : key.Contains("/staff/", StringComparison.Ordinal) ? clerkOfB.Id
            : key.Contains("/hosting/grants/", StringComparison.Ordinal) ? grantOfB.Id
            : Guid.NewGuid(); // no row of B at hand for this endpoint: an unknown id must answer 404 just the same

        var wrong = new List<string>();
        foreach (var key in MerchantEndpoints(app).Keys.Where(k => k.Contains('{', StringComparison.Ordinal)))
        {
            var response = await a.Owner.SendAsync(WithIds(key, IdOfB), ValidBody(key, b));
            if ((int)response.StatusCode != 404)
            {
                wrong.Add($"{key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(wrong.Count == 0, $"Expected 404 for B's ids from A's owner, but:\n{string.Join("\n", wrong)}");
        var after = await app.WithDbAsync(async db => (
            Clerk: await db.Users.Where(u => u.Id == clerkOfB.Id).Select(u => new { u.DisabledAt, u.SecurityStamp }).SingleAsync(),
            Grant: await db.HostingGrants.IgnoreQueryFilters().Where(g => g.Id == grantOfB.Id).Select(g => g.RevokedAt).SingleAsync(),
            Attempt: await db.VerificationAttempts.Where(v => v.Id == attempt.AttemptId).Select(v => v.ReversedAt).SingleAsync(),
            Assigned: await db.StaffStores.CountAsync(s => s.UserId == clerkOfB.Id)));
        after.Clerk.DisabledAt.ShouldBe(null);
        after.Grant.ShouldBe(null);
        after.Attempt.ShouldBe(null);
        after.Assigned.ShouldBe(0);
        await (await b.Clerk.GetAsync("/api/merchant/verifications")).ShouldHaveStatusAsync(200); // B's clerk still signed in: no new stamp
        (await b.Owner.GetFromJsonAsync<List<StaffMember>>("/api/merchant/staff"))!.Single(m => m.Id == clerkOfB.Id).Role.ShouldBe(Roles.Clerk);
        await app.AssertLedgerBalancedAsync();
    }

    /// <summary>"METHOD /pattern" → the policies it declares, for every endpoint under /api/merchant/.</summary>
    private static Dictionary<string, List<string>> MerchantEndpoints(TestApp app) =>
        app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/merchant/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (
                Key: $"{method} {e.RoutePattern.RawText}",
                Policies: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(d => d.Policy ?? "").ToList())))
            .ToDictionary(x => x.Key, x => x.Policies);

    private static string WithIds(string key, Func<string, Guid> id) =>
        System.Text.RegularExpressions.Regex.Replace(key, @"\{[^}]+\}", _ => id(key).ToString());

    private static object? Body(string key) => key.StartsWith("GET ", StringComparison.Ordinal) ? null : new { };

    /// <summary>A body that passes validation, so only the id decides the answer.</summary>
    private static object? ValidBody(string key, MerchantSetup b) =>
        key.EndsWith("/reverse", StringComparison.Ordinal) ? new ReverseRequest("越权冲正")
        : key.EndsWith("/stores", StringComparison.Ordinal) ? new StoreAssignmentRequest([b.HonouringStoreId])
        : key.EndsWith("/role", StringComparison.Ordinal) ? new ChangeRoleRequest(Roles.Manager)
        : key.EndsWith("/dispatch", StringComparison.Ordinal) ? new Shipping.DispatchRequest("SF1234567890")
        : key.EndsWith("/progress", StringComparison.Ordinal) ? new Ordering.ProgressRequest(nameof(Ordering.OrderState.Accepted))
        : Body(key);
}
