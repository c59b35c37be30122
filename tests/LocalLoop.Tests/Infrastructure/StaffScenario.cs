using System.Net.Http.Headers;
using System.Net.Http.Json;
using LocalLoop.HostedOperation;
using LocalLoop.Merchants;
using LocalLoop.StaffRoles;

namespace LocalLoop.Tests.Infrastructure;

public sealed record StaffAccount(Guid Id, string Email, string Role, HttpClient Client);

public sealed record AgentAccount(Guid Id, string Email, string Phone, HttpClient Client);

/// <summary>Staff with roles and hosted-operation agents, made through the public API as an owner and an admin would.</summary>
public sealed class StaffScenario(TestApp app)
{
    public async Task<StaffAccount> InviteAsync(MerchantSetup merchant, string role, List<Guid>? storeIds = null)
    {
        var email = $"s{Guid.NewGuid():N}@test.localloop";
        var member = await merchant.Owner.PostAsJsonAsync("/api/merchant/staff",
            new InviteStaffRequest(email, $"员工 {role}", TestApp.Password, role, Scenario.NewPhone(), storeIds)).ShouldReturnAsync<StaffMember>(201);
        return new StaffAccount(member.Id, email, role, await app.SignInAsync(email));
    }

    /// <summary>A platform user whom the admin made an agent; signed in after the appointment, as they would be.</summary>
    public async Task<AgentAccount> NewAgentAsync()
    {
        var phone = Scenario.NewPhone();
        var consumer = await new Scenario(app).NewConsumerAsync(0, "代运营 小王", phone);
        var admin = await app.SignInAsync(TestApp.AdminEmail);
        await (await admin.PostAsJsonAsync("/api/admin/agents", new AgentAdmin.AgentRequest(consumer.Email))).ShouldHaveStatusAsync(200);
        return new AgentAccount(consumer.Id, consumer.Email, phone, await app.SignInAsync(consumer.Email));
    }

    public static Task<GrantView> GrantAsync(MerchantSetup merchant, string agentEmailOrPhone, DateOnly? until = null) =>
        merchant.Owner.PostAsJsonAsync("/api/merchant/hosting/grants", new GrantRequest(agentEmailOrPhone, until)).ShouldReturnAsync<GrantView>(201);

    /// <summary>"Act for this merchant": a new bearer token that carries the merchant and the grant.</summary>
    public async Task<HttpClient> ActAsync(AgentAccount agent, Guid grantId)
    {
        var response = await (await agent.Client.PostAsync($"/api/agent/grants/{grantId}/act", null)).ShouldHaveStatusAsync(200);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>A cookie session (the browser's way in) for the same account.</summary>
    public async Task<HttpClient> CookieSessionAsync(string email)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await (await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = TestApp.Password })).ShouldHaveStatusAsync(200);
        return client;
    }

    private sealed record TokenResponse(string AccessToken);
}
