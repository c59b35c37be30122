using LocalLoop.Platform.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LocalLoop.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses SQLite (default, a file under data/) or PostgreSQL from <c>Database:Provider</c> and <c>ConnectionStrings:LocalLoop</c>.</summary>
public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        return Enum.TryParse<DatabaseProvider>(name, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{name}'.");
    }

    public static IServiceCollection AddLocalLoopDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = Provider(configuration);
        var connectionString = configuration.GetConnectionString("LocalLoop");
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = SqliteConnectionString(connectionString, environment.ContentRootPath);
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:LocalLoop is empty.");
        }
        else
        {
            connectionString = PostgresConnectionString(connectionString);
        }

        // A pool of contexts: creating one per request (options, internal services, their cache lookups) cost more
        // CPU than a simple query. Each scope rents one and tells it who is asking, for the tenant filters.
        services.AddPooledDbContextFactory<AppDbContext>(options =>
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                options.UseSqlite(connectionString, o => o.CommandTimeout(60));
                options.AddInterceptors(new SqlitePragmas());
            }
            else
            {
                options.UseNpgsql(connectionString);
            }

            // Migrations are hand-written SQL (no design-time package here), so there is no model snapshot to compare with;
            // SchemaTests compare the migrated schema with the model instead.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            db.CurrentUser = sp.GetService<CurrentUser>();
            return db;
        });
        return services;
    }

    /// <summary>
    /// Statements the app runs again and again (search, checkout, the job passes) are prepared on each connection after
    /// a few uses, so PostgreSQL plans them once instead of on every call. A pooled connection is not reset when it goes
    /// back to the pool: the app never changes session state, and the reset (RESET ALL, DISCARD …) was a round trip on
    /// every query EF ran outside a transaction. A connection string may set its own values.
    /// </summary>
    private static string PostgresConnectionString(string configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
        }

        if (!configured.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ToString();
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/localloop.db" : configured);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>
    /// WAL lets readers run beside the one writer; a busy timeout makes writers queue instead of failing; memory-mapped
    /// reads let a search scan thousands of index rows without a system call per page.
    /// </summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public override void ConnectionOpened(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(System.Data.Common.DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON; PRAGMA mmap_size=268435456;";
            command.ExecuteNonQuery();
        }
    }
}
