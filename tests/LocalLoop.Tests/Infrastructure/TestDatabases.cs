using System.Data.Common;
using LocalLoop.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Xunit;

namespace LocalLoop.Tests.Infrastructure;

/// <summary>
/// The databases every integration test runs on: SQLite always, PostgreSQL when LOCALLOOP_TEST_POSTGRES holds a
/// connection string for a role that may create databases (CI sets it). Each app instance gets a new database.
/// </summary>
public static class TestDatabases
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private const string TemplatePrefix = "template_";

    /// <summary>Templates are removed when the test process exits if it gets the chance; one this old is a leftover.</summary>
    private static readonly TimeSpan StaleTemplateAge = TimeSpan.FromHours(12);
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "localloop-tests");
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresTemplateAsync);

    public static string? PostgresBase => Environment.GetEnvironmentVariable("LOCALLOOP_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>Theory data: the providers available on this machine.</summary>
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { Sqlite };
            if (PostgresBase is not null)
            {
                data.Add(Postgres);
            }

            return data;
        }
    }

    /// <summary>An empty database, for tests that migrate it step by step themselves.</summary>
    public static async Task<TestDatabase> CreateAsync(string provider) =>
        provider == Sqlite ? NewSqlite(copyOf: null) : await NewPostgresAsync(template: null);

    /// <summary>
    /// A new database already at the newest schema: a copy of one database migrated once per test run, so an app
    /// starting on it finds nothing to migrate. Same schema as migrating from scratch, which SchemaVersionTests prove.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync(string provider) =>
        provider == Sqlite ? NewSqlite(await SqliteTemplate.Value) : await NewPostgresAsync(await PostgresTemplate.Value);

    private static TestDatabase NewSqlite(string? copyOf)
    {
        var file = NewSqliteFile();
        if (copyOf is not null)
        {
            File.Copy(copyOf, file);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
        return new TestDatabase("Sqlite", connectionString, () =>
        {
            SqliteConnection.ClearAllPools();
            DeleteSqliteFiles(file);
            return Task.CompletedTask;
        });
    }

    private static string NewSqliteFile()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
    }

    private static void DeleteSqliteFiles(string file)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    /// <summary>Migrated without pooling, so no connection keeps the file open (or a WAL beside it) once done.</summary>
    private static async Task<string> CreateSqliteTemplateAsync()
    {
        Directory.CreateDirectory(Folder);
        foreach (var stale in Directory.EnumerateFiles(Folder, $"{TemplatePrefix}*.db").Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow - StaleTemplateAge))
        {
            DeleteSqliteFiles(stale);
        }

        var file = Path.Combine(Folder, $"{TemplatePrefix}{Guid.NewGuid():N}.db");
        var template = new TestDatabase("Sqlite", new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString(), () => Task.CompletedTask);
        await using (var db = template.NewContext())
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteSqliteFiles(file);
        return file;
    }

    private static NpgsqlConnectionStringBuilder PostgresAdmin() =>
        new(PostgresBase ?? throw new InvalidOperationException("LOCALLOOP_TEST_POSTGRES is not set.")) { Database = "postgres", Pooling = false };

    private static async Task<TestDatabase> NewPostgresAsync(string? template)
    {
        var name = $"localloop_t_{Guid.NewGuid():N}";
        await CreatePostgresDatabaseAsync(name, template);
        var target = new NpgsqlConnectionStringBuilder(PostgresBase) { Database = name, MaxPoolSize = 60, Options = NoFlushOnCommit.PostgresOptions }.ToString();
        return new TestDatabase("Postgres", target, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await DropBestEffortAsync(PostgresAdmin().ToString(), name);
        });
    }

    /// <summary>
    /// PostgreSQL copies a template only while nobody is connected to it, so the template is migrated without pooling
    /// and never opened again; it is dropped when the test process ends.
    /// </summary>
    private static async Task<string> CreatePostgresTemplateAsync()
    {
        await DropStalePostgresTemplatesAsync();
        var name = $"localloop_{TemplatePrefix}{DateTime.UtcNow:yyyyMMddHHmmss}_{Guid.NewGuid():N}";
        await CreatePostgresDatabaseAsync(name, template: null);
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresBase) { Database = name, Pooling = false }.ToString();
        await using (var db = new TestDatabase("Postgres", connectionString, () => Task.CompletedTask).NewContext())
        {
            await db.Database.MigrateAsync();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DropBestEffortAsync(PostgresAdmin().ToString(), name).GetAwaiter().GetResult();
        return name;
    }

    /// <summary>
    /// An aborted run ends before its exit handlers run and leaves its template behind; one older than
    /// any test run is dropped here (nobody connects to a template, so only its age tells a live run's from a leftover).
    /// </summary>
    private static async Task DropStalePostgresTemplatesAsync()
    {
        var stale = new List<string>();
        await using (var connection = new NpgsqlConnection(PostgresAdmin().ToString()))
        {
            await connection.OpenAsync();
            await using var list = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE 'localloop\\_{TemplatePrefix}%'", connection);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var name = reader.GetString(0);
                var created = name.Split('_')[2];
                if (DateTime.TryParseExact(created, "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
                    && at < DateTime.UtcNow - StaleTemplateAge)
                {
                    stale.Add(name);
                }
            }
        }

        foreach (var name in stale)
        {
            try
            {
                await using var connection = new NpgsqlConnection(PostgresAdmin().ToString());
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", connection);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
            }
        }
    }

    /// <summary>
    /// Creates a database, empty or as a copy of <paramref name="template"/>. A copy fails with 55006 (object in use)
    /// while a backend that just disconnected from the template is still exiting, so it is tried again.
    /// </summary>
    private static async Task CreatePostgresDatabaseAsync(string name, string? template)
    {
        var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(PostgresAdmin().ToString());
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand(sql, connection);
                await create.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    /// <summary>
    /// Drops a test database, retrying while the server is busy (too many connections while other classes run).
    /// A database that still cannot be dropped is left behind with a warning: the tests already passed or failed on
    /// their own, and a leftover database must not turn a green run red.
    /// </summary>
    private static async Task DropBestEffortAsync(string adminConnection, string name)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(adminConnection);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException e) when (attempt < 5)
            {
                Console.Error.WriteLine($"dropping test database {name} failed (attempt {attempt}): {e.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
            catch (NpgsqlException e)
            {
                Console.Error.WriteLine($"test database {name} left behind: {e.Message}");
                return;
            }
        }
    }
}

public sealed class TestDatabase(string provider, string connectionString, Func<Task> drop) : IAsyncDisposable
{
    public string Provider { get; } = provider;
    public string ConnectionString { get; } = connectionString;

    /// <summary>A context on this database outside any app, for migrating step by step; the model may be ahead of the schema.</summary>
    public AppDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        if (Provider == "Sqlite")
        {
            options.UseSqlite(ConnectionString);
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }

        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        return new AppDbContext(options.Options);
    }

    public ValueTask DisposeAsync() => new(drop());
}

/// <summary>
/// Test databases do not wait for the disk at each commit (PostgreSQL's synchronous_commit off, SQLite's synchronous
/// NORMAL under WAL): what a commit makes visible to other connections is unchanged, only what survives a power
/// cut, which no test is about. The flushes were a large share of the suite's time on a slow CI disk.
/// </summary>
public sealed class NoFlushOnCommit : DbConnectionInterceptor
{
    public const string PostgresOptions = "-c synchronous_commit=off";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }
    }
}
