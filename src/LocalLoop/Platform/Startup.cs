using LocalLoop.Operations;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Platform;

public static class Startup
{
    /// <summary>Upgrades the schema to this version (keeping data), creates the roles and, if enabled, the demo data.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        await IdentitySetup.EnsureRolesAsync(scope.ServiceProvider);
        if (app.Configuration.GetValue("DemoData:Enabled", false))
        {
            await DemoData.SeedAsync(scope.ServiceProvider);
        }

        await scope.ServiceProvider.GetRequiredService<Discovery.SearchIndex>().EnsureBuiltAsync();
    }

    public static void PrintSchemaScript(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        Console.Write(scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GenerateCreateScript());
    }

    public static void PrintWelcome(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null || !app.Configuration.GetValue("DemoData:Enabled", false))
        {
            return;
        }

        address = address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal);
        Console.WriteLine($"""

            LocalLoop is running at {address}
              API document: {address}/openapi/v1.json   API explorer: {address}/api-docs
            Demo sign-ins (password {DemoData.Password}):
              consumer  {DemoData.ConsumerEmail}
              owner     {DemoData.OwnerEmail}
              clerk     {DemoData.ClerkEmail}
              reviewer  {DemoData.ReviewerEmail}
              admin     {DemoData.AdminEmail}
              courier   {DemoData.CourierEmail}
              staff     {StaffRoles.StaffDemo.ManagerEmail}, {StaffRoles.StaffDemo.WarehouseEmail}, {StaffRoles.StaffDemo.ServiceEmail}; agent (代运营) {StaffRoles.StaffDemo.AgentEmail}
            External codes (三方码) for the clerk's "三方券码" tab: {string.Join(", ", ExternalCodes.ExternalCodesDemo.Codes)} (expired: {ExternalCodes.ExternalCodesDemo.ExpiredCode})

            """);
    }
}
