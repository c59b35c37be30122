using System.Globalization;
using LocalLoop.Catalog;
using LocalLoop.Ads;
using LocalLoop.AfterSales;
using LocalLoop.Deals;
using LocalLoop.Discovery;
using LocalLoop.ExternalCodes;
using LocalLoop.Inventory;
using LocalLoop.Ledger;
using LocalLoop.Merchants;
using LocalLoop.Operations;
using LocalLoop.Ordering;
using LocalLoop.Shipping;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Idempotency;
using LocalLoop.Platform.Localization;
using LocalLoop.Platform.Messaging;
using LocalLoop.Platform.Outbox;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Platform.Uploads;
using LocalLoop.Platform.Web;
using LocalLoop.Reviews;
using LocalLoop.SandboxGateway;
using LocalLoop.SandboxVoucherPlatform;
using LocalLoop.StaffRoles;
using LocalLoop.Vouchers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;

var builder = WebApplication.CreateBuilder(args);
var services = builder.Services;

services.AddSingleton(TimeProvider.System);
services.AddHttpContextAccessor();
services.AddScoped<CurrentUser>();
services.AddLocalLoopDatabase(builder.Configuration, builder.Environment);
services.AddLocalLoopIdentity();
services.AddDataProtection().SetApplicationName("LocalLoop");
services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
    .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseXmlRepository(scopes));
services.AddProblemDetails();
services.AddExceptionHandler<DomainExceptionHandler>();
services.AddOpenApi();
services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
services.AddRazorPages(o => o.RootDirectory = "/");
// Chinese text is written as characters, not as HTML entities: half the bytes and readable source.
services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
services.AddHttpClient(SandboxGatewayClient.HttpClientName);
services.AddHttpClient(SandboxNotifier.HttpClientName);
services.AddOptions<SandboxGatewayOptions>().Bind(builder.Configuration.GetSection("Payments:Sandbox"))
    .Validate(o => o.Secret.Length >= 16, "Payments:Sandbox:Secret must be set (at least 16 characters): it signs gateway calls and notifications.")
    .ValidateOnStart();
services.AddHttpClient(SandboxVoucherProvider.HttpClientName);
services.AddOptions<SandboxPlatformOptions>().Bind(builder.Configuration.GetSection("ExternalCodes:Sandbox"))
    .Validate(o => o.FailureRate is >= 0 and <= 1 && o.LatencyMs is >= 0 and <= 60_000 && o.TimeoutMs is >= 100 and <= 60_000,
        "ExternalCodes:Sandbox: FailureRate from 0 to 1, LatencyMs from 0 to 60000, TimeoutMs from 100 to 60000.")
    .ValidateOnStart();
services.AddOptions<ExternalCodeOptions>().Bind(builder.Configuration.GetSection("ExternalCodes"))
    .Validate(o => o.PendingScanSeconds is >= 1 and <= 86_400 && o.PendingGraceSeconds is >= 0 and <= 86_400,
        "ExternalCodes: PendingScanSeconds from 1 to 86400, PendingGraceSeconds from 0 to 86400.")
    .ValidateOnStart();
services.AddOptions<VoucherOptions>().Bind(builder.Configuration.GetSection("Vouchers"))
    .Validate(o => o.ReversalWindowMinutes is >= 0 and <= 24 * 60, "Vouchers:ReversalWindowMinutes must be from 0 to 1440.")
    .Validate(o => o.ExpiryScanSeconds is >= 1 and <= 24 * 60 * 60, "Vouchers:ExpiryScanSeconds must be from 1 to 86400.")
    .ValidateOnStart();
services.AddOptions<ExpiryReminderOptions>().Bind(builder.Configuration.GetSection("Vouchers"))
    .Validate(o => o.ReminderDaysBefore is >= 0 and <= 30, "Vouchers:ReminderDaysBefore must be from 0 to 30.")
    .Validate(o => o.ReminderScanSeconds is >= 1 and <= 24 * 60 * 60, "Vouchers:ReminderScanSeconds must be from 1 to 86400.")
    .ValidateOnStart();
services.AddLocalLoopMessaging(builder.Configuration);
services.Configure<RequestLocalizationOptions>(o =>
{
    CultureInfo[] cultures = [new("zh-CN"), new("en")];
    o.DefaultRequestCulture = new RequestCulture("zh-CN");
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
});

// Capability services: one small class per use case.
services.AddScoped<OutboxWriter>();
services.AddScoped<LedgerPostings>();
services.AddScoped<AccountRegistration>();
services.AddScoped<MerchantOnboarding>();
services.AddScoped<MerchantFreezing>();
services.AddScoped<StorePhotos>();
services.AddScoped<ImageUploads>();
services.AddOptions<UploadOptions>().Bind(builder.Configuration.GetSection("Uploads"))
    .Validate(o => o.MaxBytes is >= 1024 and <= 50 * 1024 * 1024 && o.Directory.Length > 0, "Uploads: MaxBytes from 1024 to 52428800, Directory not empty.").ValidateOnStart();
services.AddScoped<StoreManagement>();
services.AddScoped<StoreAssignments>();
services.AddScoped<StoreHoursManagement>();
services.AddScoped<StoreOpenings>();
services.AddScoped<NearestServingStore>();
services.AddScoped<RecentViews>();
services.AddScoped<AdOperations>();
services.AddScoped<AdServing>();
services.AddScoped<AdReport>();
services.AddScoped<DealManagement>();
services.AddScoped<DealViews>();
services.AddScoped<HolidayAdmin>();
services.AddScoped<NearbySearch>();
services.AddScoped<StoreSearch>();
services.AddScoped<SearchIndex>();
services.AddScoped<IOutboxHandler<DealSold>, DealSalesCounter>();
services.AddScoped<StorePage>();
services.AddScoped<StoreGoods>();
services.AddScoped<CartBadge>();
services.AddScoped<PickupStores>();
services.AddScoped<Checkout>();
services.AddOrdering();
services.AddShipping();
services.AddAfterSales();
services.AddScoped<PaymentProcessing>();
services.AddScoped<WalletAtCheckout>();
services.AddScoped<SandboxGatewayClient>();
services.AddScoped<GatewayNotifications>();
services.AddScoped<Cashier>();
services.AddScoped<VoucherIssuer>();
services.AddScoped<VoucherVerification>();
services.AddScoped<VoucherRefunds>();
services.AddScoped<VerificationReversal>();
services.AddScoped<VoucherQueries>();
services.AddScoped<IExternalVoucherProvider, SandboxVoucherProvider>();
services.AddScoped<SandboxVoucherProvider>();
services.AddScoped<ExternalVoucherProviders>();
services.AddScoped<ExternalPlatformBindings>();
services.AddScoped<ExternalCodeVerification>();
services.AddScoped<ExternalCodeReversal>();
services.AddScoped<ExternalCodeQueries>();
services.AddScoped<PendingConsumptions>();
services.AddScoped<VerificationLookup>();
services.AddScoped<Reviewing>();
services.AddScoped<ReviewQueries>();
services.AddScoped<Dashboards>();
services.AddScoped<InboxQueries>();
services.AddScoped<BreakageReport>();
services.AddStaffRoles();
services.AddCatalog();
services.AddInventory();
services.AddPayflow(builder.Configuration);
services.AddCheckoutPayments();
services.AddSingleton<Text>();

// Background work: each claims its rows with a conditional update, so several nodes can run it.
services.AddSingleton<OutboxDispatcher>();
services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
services.AddHostedService<SandboxNotifier>();
services.AddHostedService<RefundRetryJob>();
services.AddSingleton<ExpiryRefundJob>();
services.AddHostedService(sp => sp.GetRequiredService<ExpiryRefundJob>());
services.AddSingleton<ExternalPendingJob>();
services.AddHostedService(sp => sp.GetRequiredService<ExternalPendingJob>());
services.AddSingleton<ExpiryReminderJob>();
services.AddHostedService(sp => sp.GetRequiredService<ExpiryReminderJob>());

var app = builder.Build();

if (args.Contains("--schema-script"))
{
    // Prints the current model's DDL for the configured provider: the starting point of a new migration script.
    Startup.PrintSchemaScript(app);
    return;
}

await Startup.PrepareDatabaseAsync(app);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLocalization();
app.UseStaticFiles();
app.UseIdempotencyBuffering();
app.UseAuthentication();
app.UseStaffSessions();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health");
app.MapOpenApi();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "LocalLoop API v1");
    o.RoutePrefix = "api-docs";
});
app.MapAccountEndpoints();
app.MapMerchantEndpoints();
app.MapOnboardingEndpoints();
app.MapUploadEndpoints();
app.MapDealEndpoints();
app.MapHolidayEndpoints();
app.MapDiscoveryEndpoints();
app.MapStoreSetupEndpoints();
app.MapNearestServingStoreEndpoints();
app.MapRecentViewEndpoints();
app.MapSearchEndpoints();
app.MapAdEndpoints();
app.MapOrderAndPaymentEndpoints();
app.MapOrderingEndpoints();
app.MapShipmentEndpoints();
app.MapAfterSalesEndpoints();
app.MapPayflowEndpoints();
app.MapCheckoutPaymentEndpoints();
app.MapVoucherEndpoints();
app.MapReviewEndpoints();
app.MapDashboardEndpoints();
app.MapInboxEndpoints();
app.MapSandboxGateway();
app.MapExternalCodeEndpoints();
app.MapVerificationLookupEndpoints();
app.MapSandboxVoucherPlatform();
app.MapMessagingEndpoints();
app.MapSandboxMessaging();
app.MapBreakageReportEndpoints();
app.MapStaffRolesAndHosting();
app.MapCatalogEndpoints();
app.MapInventoryEndpoints();
app.MapLanguageSwitch();
app.MapRazorPages();

app.Lifetime.ApplicationStarted.Register(() => Startup.PrintWelcome(app));
app.Run();

/// <summary>Exposed for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
