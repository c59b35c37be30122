using System.Data.Common;
using LocalLoop.Platform.Data;
using LocalLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace LocalLoop.Tests.Schema;

/// <summary>
/// The schema is versioned by hand-written SQL. These tests make a forgotten migration fail CI, and show that
/// starting a newer version on an older database upgrades it without losing data.
/// </summary>
public sealed class SchemaVersionTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task The_migrated_schema_is_exactly_the_model(string database)
    {
        await using var migrated = await TestDatabases.CreateAsync(database);
        await using var created = await TestDatabases.CreateAsync(database);
        await using (var db = migrated.NewContext())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = created.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var fromMigrations = await DescribeAsync(migrated);
        var fromModel = await DescribeAsync(created);
        var missing = fromModel.Except(fromMigrations).ToList();
        var extra = fromMigrations.Except(fromModel).ToList();
        (missing.Count + extra.Count).ShouldBe(0,
            $"migrations lack [{string.Join(", ", missing)}] and have extra [{string.Join(", ", extra)}]; add a migration script (dotnet run -- --schema-script prints the model's DDL)");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Starting_the_app_on_a_version_1_database_upgrades_it_and_keeps_its_data(string database)
    {
        var old = await TestDatabases.CreateAsync(database);
        var applicant = Guid.NewGuid();
        await using (var db = old.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261121000001_Foundation");
            // A row written by version 1, before reviews existed: in SQL, since today's model has columns version 1 lacks.
            object submittedAt = database == TestDatabases.Sqlite
                ? new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!
                : DateTimeOffset.UtcNow;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "MerchantApplications" ("Id", "ApplicantUserId", "BusinessName", "LicenseNumber", "ContactName", "ContactPhone", "Category", "Status", "SubmittedAt")
                VALUES ({Guid.NewGuid()}, {applicant}, {"老字号面馆"}, {"L-1"}, {"王"}, {"13800138000"}, {"food"}, {"Pending"}, {submittedAt})
                """);
            (await db.Database.GetAppliedMigrationsAsync()).Count().ShouldBe(1);
        }

        await using var app = await TestApp.StartOnAsync(old);

        var applied = await app.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        applied.ShouldBeEquivalentTo(["20261121000001_Foundation", "20261121000002_Reviews", "20261122000003_DataProtectionKeys", "20261122000004_VerificationReversal", "20261122000005_RefundPolicy", "20261122000006_ValidityRules", "20261122000007_MultiUseVouchers", "20261122000008_ExternalCodes", "20261122000009_ExpiryReminders", "20261122000010_StaffStores", "20261122000012_CounterHardening", "20261122000014_MerchantsCatalogFoundation", "20261122000015_Onboarding", "20261122000016_StaffRolesHostedOperation", "20261122000017_Catalog", "20261122000018_Stores", "20261122000019_SearchIndex", "20261122000020_Inventory", "20261122000021_Payflow", "20261122000022_OneOpenHostingGrant", "20261122000023_JobScanIndexes", "20261122000025_SearchSignatures", "20261122000026_Orders", "20261122000028_AfterSales", "20261122000029_CheckoutPayments", "20261122000031_Shipments", "20261122000032_AfterSalesQuantity", "20261122000033_ParcelQuantities", "20261122000034_RefundRetryIndex"]);
        var kept = await app.WithDbAsync(db => db.MerchantApplications.SingleAsync(a => a.ApplicantUserId == applicant));
        kept.BusinessName.ShouldBe("老字号面馆", "data from the old version survives the upgrade");
        (await app.WithDbAsync(db => db.Reviews.CountAsync())).ShouldBe(0, "the new version's table exists");
    }

    /// <summary>Tables, columns with type and nullability, and indexes, as comparable lines.</summary>
    private static async Task<HashSet<string>> DescribeAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sql = database.Provider == "Sqlite"
            ? """
              SELECT m.name || '.' || p.name || ' ' || p.type || CASE p."notnull" WHEN 1 THEN ' not null' ELSE '' END || CASE p.pk WHEN 0 THEN '' ELSE ' pk' END
              FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '__EFMigrationsHistory' AND m.name <> '__EFMigrationsLock'
              UNION ALL
              SELECT 'index ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'
              """
            : """
              SELECT table_name || '.' || column_name || ' ' || data_type || COALESCE('(' || character_maximum_length || ')', '') || CASE is_nullable WHEN 'NO' THEN ' not null' ELSE '' END
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
              UNION ALL
              SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock')
              """;
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
