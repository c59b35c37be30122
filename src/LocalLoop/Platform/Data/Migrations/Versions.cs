using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LocalLoop.Platform.Data.Migrations;

// One class per schema version, oldest first; EF wants ids shaped yyyyMMddHHmmss_Name. Add a version by adding its two scripts and a class here;
// never edit a version that has shipped.

[DbContext(typeof(AppDbContext))]
[Migration("20261121000001_Foundation")]
public sealed class V0001Foundation : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261121000002_Reviews")]
public sealed class V0002Reviews : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000003_DataProtectionKeys")]
public sealed class V0003DataProtectionKeys : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000004_VerificationReversal")]
public sealed class V0004VerificationReversal : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000005_RefundPolicy")]
public sealed class V0005RefundPolicy : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000006_ValidityRules")]
public sealed class V0006ValidityRules : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000007_MultiUseVouchers")]
public sealed class V0007MultiUseVouchers : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000008_ExternalCodes")]
public sealed class V0008ExternalCodes : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000009_ExpiryReminders")]
public sealed class V0009ExpiryReminders : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000010_StaffStores")]
public sealed class V0010StaffStores : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000012_CounterHardening")]
public sealed class V0012CounterHardening : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000014_MerchantsCatalogFoundation")]
public sealed class V0014MerchantsCatalogFoundation : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000015_Onboarding")]
public sealed class V0015Onboarding : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000016_StaffRolesHostedOperation")]
public sealed class V0016StaffRolesHostedOperation : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000017_Catalog")]
public sealed class V0017Catalog : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000018_Stores")]
public sealed class V0018Stores : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000019_SearchIndex")]
public sealed class V0019SearchIndex : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000020_Inventory")]
public sealed class V0020Inventory : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000021_Payflow")]
public sealed class V0021Payflow : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000022_OneOpenHostingGrant")]
public sealed class V0022OneOpenHostingGrant : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000023_JobScanIndexes")]
public sealed class V0023JobScanIndexes : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000025_SearchSignatures")]
public sealed class V0025SearchSignatures : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000026_Orders")]
public sealed class V0026Orders : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000028_AfterSales")]
public sealed class V0028AfterSales : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000029_CheckoutPayments")]
public sealed class V0029CheckoutPayments : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000031_Shipments")]
public sealed class V0031Shipments : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000032_AfterSalesQuantity")]
public sealed class V0032AfterSalesQuantity : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000033_ParcelQuantities")]
public sealed class V0033ParcelQuantities : SqlMigration;

[DbContext(typeof(AppDbContext))]
[Migration("20261122000034_RefundRetryIndex")]
public sealed class V0034RefundRetryIndex : SqlMigration;
