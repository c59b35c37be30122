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

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), "localloop-tests", $"{Guid.NewGuid():N}.db");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            return new TestDatabase("Sqlite", new SqliteConnectionStringBuilder { DataSource = file }.ToString(), () =>
            {
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(file + suffix);
                }

                return Task.CompletedTask;
            });
        }

        var baseConnection = PostgresBase ?? throw new InvalidOperationException("LOCALLOOP_TEST_POSTGRES is not set.");
        var name = $"localloop_t_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ToString()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var target = new NpgsqlConnectionStringBuilder(baseConnection) { Database = name, MaxPoolSize = 60 };
        return new TestDatabase("Postgres", target.ToString(), async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await DropBestEffortAsync(admin.ToString(), name);
        });
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
