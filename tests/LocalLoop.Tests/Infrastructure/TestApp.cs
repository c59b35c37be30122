using System.Net.Http.Headers;
using System.Net.Http.Json;
using LocalLoop.Ledger;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>
/// The real application on a real database, reached through real HTTP via the ASP.NET Core test host.
/// The sandbox gateway's notifications and the app's calls to the gateway also travel through the test server.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    public const string ReviewerEmail = "reviewer@test.localloop";
    public const string AdminEmail = "admin@test.localloop";
    public const string Password = "Test1234!";

    /// <summary>PBKDF2 rounds of the test apps' password hasher (production keeps Identity's default).</summary>
    private const int TestPasswordHashRounds = 1_000;

    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    /// <summary>Uploaded files of this app (and of its second nodes), in a temporary folder removed at the end.</summary>
    private string _uploadsDirectory = Path.Combine(Path.GetTempPath(), "localloop-tests", "uploads", Guid.NewGuid().ToString("N"));

    private TestApp(TestDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public string Provider => _database.Provider;

    /// <summary>The app's <see cref="TimeProvider"/>: the system clock until a test moves it forward.</summary>
    public TestClock Clock { get; } = new();

    public static async Task<TestApp> StartAsync(string provider) => await StartOnAsync(await TestDatabases.CreateMigratedAsync(provider));

    /// <summary>Starts the app on a database that may already hold an older schema and data; the app owns it from now on.</summary>
    public static async Task<TestApp> StartOnAsync(TestDatabase database)
    {
        var app = new TestApp(database, ownsDatabase: true);
        _ = app.Server; // start now: migrations run here, not inside the first test's timing
        await app.CreateOperatorAsync(ReviewerEmail, Roles.Reviewer);
        await app.CreateOperatorAsync(AdminEmail, Roles.Admin);
        return app;
    }

    /// <summary>A second app node over the same database as <paramref name="first"/>, as behind a load balancer.</summary>
    public static TestApp SecondNodeOf(TestApp first)
    {
        var node = new TestApp(first._database, ownsDatabase: false) { _uploadsDirectory = first._uploadsDirectory };
        _ = node.Server;
        return node;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:LocalLoop", _database.ConnectionString);
        builder.UseSetting("DemoData:Enabled", "false");
        builder.UseSetting("Uploads:Directory", _uploadsDirectory);
        // Tests run the expiry refund job themselves (ExpiryRefundJob.RunOnceAsync), so a timer never refunds behind their back.
        builder.UseSetting("Vouchers:ExpiryScanSeconds", "86400");
        // Likewise reminders and outbound SMS/email (ExpiryReminderJob, OutboundMessageSender); email goes to the sandbox provider, not to files.
        builder.UseSetting("Vouchers:ReminderScanSeconds", "86400");
        builder.UseSetting("Messaging:SendScanSeconds", "86400");
        builder.UseSetting("ExternalCodes:PendingScanSeconds", "86400");
        builder.UseSetting("Payments:CheckoutPayments:SweepScanSeconds", "86400");
        builder.UseSetting("Messaging:Email:Provider", "Sandbox");
        builder.ConfigureServices(services =>
        {
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler()));
            services.AddSingleton<TimeProvider>(Clock);
            // Every sign-up and sign-in hashes a password; at the production cost (100,000 PBKDF2 rounds) hashing was the
            // biggest CPU cost of the suite. The hash format and the checks are the same at any round count.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashRounds);
            services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(new NoFlushOnCommit()));
        });
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) => WithScopeAsync(sp => work(sp.GetRequiredService<AppDbContext>()));

    /// <summary>An HTTP client signed in with an Identity bearer token, as an API client would be.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        await response.ShouldHaveStatusAsync(200);
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Operators have no public sign-up; an admin creates them. Here the test does.</summary>
    private Task<bool> CreateOperatorAsync(string email, string role) => WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, DisplayName = role, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.ShouldBeTrue();
        return true;
    });

    /// <summary>
    /// Puts money in a consumer's wallet through a balanced ledger transaction (top-up through the gateway is a
    /// later capability; the demo data funds wallets the same way).
    /// </summary>
    public Task<bool> FundWalletAsync(Guid userId, long fen) => WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Wallets.Where(w => w.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(w => w.BalanceFen, w => w.BalanceFen + fen));
        sp.GetRequiredService<LedgerPostings>().Post("test-topup", userId, (Accounts.DemoFunding, new Money(-fen)), (Accounts.ConsumerWallet(userId), new Money(fen)));
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>The ledger's invariants: every transaction balances, and wallets agree with their ledger accounts.</summary>
    public Task<bool> AssertLedgerBalancedAsync() => WithDbAsync(async db =>
    {
        (await db.LedgerEntries.SumAsync(e => e.AmountFen)).ShouldBe(0L, "the whole ledger must sum to zero");
        var unbalanced = await db.LedgerEntries.GroupBy(e => e.TransactionId).Where(g => g.Sum(e => e.AmountFen) != 0).CountAsync();
        unbalanced.ShouldBe(0, "every ledger transaction must balance");
        var wallets = await db.Wallets.AsNoTracking().ToListAsync();
        foreach (var wallet in wallets)
        {
            var account = Accounts.ConsumerWallet(wallet.UserId);
            var ledgerBalance = await db.LedgerEntries.Where(e => e.Account == account).SumAsync(e => e.AmountFen);
            wallet.BalanceFen.ShouldBe(ledgerBalance, "a wallet's balance must equal its ledger account");
            (wallet.BalanceFen >= 0).ShouldBeTrue("a wallet never goes negative");
        }

        return true;
    });

    public Task<long> AccountBalanceAsync(string account) => WithDbAsync(db => db.LedgerEntries.Where(e => e.Account == account).SumAsync(e => e.AmountFen));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            if (Directory.Exists(_uploadsDirectory))
            {
                Directory.Delete(_uploadsDirectory, recursive: true);
            }

            await _database.DisposeAsync();
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
