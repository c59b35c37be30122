using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

// LocalLoop load driver: drives a running app over HTTP and reports throughput and latency percentiles.
//   nearby  — consumers searching deals near a position (anonymous reads)
//   loop    — the closed loop per iteration: place an order, pay from the wallet, the clerk verifies the code
//   orders  — (--scenario orders) goods checkout + wallet payment, and a flash sale (see OrderBench.cs)
//   search  — (--scenario search) nearby + category + keyword store search over the 100k-store city seeded by
//             --scenario seed-search (see SearchBench.cs)
// Wallets of the driver's consumers are funded directly in the database (top-up through the gateway is a later
// capability), with a balanced ledger transaction, which the final ledger check includes.

var options = Options.Parse(args);
if (options.Scenario == "seed-search")
{
    await SearchCity.SeedAsync(options);
    return 0;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromSeconds(30),
};

if (options.Scenario == "orders")
{
    return await OrderBench.RunAsync(http, options);
}

Console.WriteLine($"LocalLoop load driver → {options.Url} ({options.Provider}), concurrency {string.Join("/", options.Concurrency)}, {options.Seconds}s per run");
var results = new List<Result>();
if (options.Scenario == "search")
{
    // The first seconds of a fresh process measure the JIT's tiers and cold caches, not the search.
    Console.WriteLine("  warm-up, not recorded:");
    await SearchCity.RunAsync(http, 4, 8, options.RadiusKm);
    foreach (var concurrency in options.Concurrency)
    {
        results.Add(await SearchCity.RunAsync(http, concurrency, options.Seconds, options.RadiusKm));
    }

    Report(results, options);
    return results.All(r => r.Errors == 0) ? 0 : 1;
}

foreach (var concurrency in options.Concurrency)
{
    results.Add(await Nearby.RunAsync(http, concurrency, options.Seconds));
}

var loop = await Loop.PrepareAsync(http, options, options.Concurrency.Max());
foreach (var concurrency in options.Concurrency)
{
    results.Add(await loop.RunAsync(concurrency, options.Seconds));
}

var ledgerSum = await loop.LedgerSumAsync();
Report(results, options);
Console.WriteLine();
Console.WriteLine($"ledger sum after the run: {ledgerSum} fen ({(ledgerSum == 0 ? "balanced" : "NOT BALANCED")})");
return ledgerSum == 0 && results.All(r => r.Errors == 0) ? 0 : 1;

static void Report(List<Result> results, Options options)
{
    Console.WriteLine();
    Console.WriteLine("| scenario | db | concurrency | requests | per second | p50 ms | p95 ms | p99 ms | errors |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {r.Scenario} | {options.Provider} | {r.Concurrency} | {r.Count} | {r.PerSecond:0} | {r.P(50):0.0} | {r.P(95):0.0} | {r.P(99):0.0} | {r.Errors} |"));
    }
}

internal sealed record Options(string Url, string Provider, string ConnectionString, int[] Concurrency, int Seconds, string Scenario, double RadiusKm,
    int Attempts, int FlashUnits, int? AppPid)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new Options(
            Get("--url", "http://127.0.0.1:5090"),
            Get("--provider", "Sqlite"),
            Get("--db", "Data Source=src/LocalLoop/data/bench.db"),
            Get("--concurrency", "8,32").Split(',').Select(int.Parse).ToArray(),
            int.Parse(Get("--seconds", "15"), CultureInfo.InvariantCulture),
            Get("--scenario", "all"),
            double.Parse(Get("--radius", "3"), CultureInfo.InvariantCulture),
            int.Parse(Get("--attempts", "5000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--units", "100"), CultureInfo.InvariantCulture),
            int.TryParse(Get("--app-pid", ""), CultureInfo.InvariantCulture, out var pid) ? pid : null);
    }
}

internal sealed class Result(string scenario, int concurrency, List<double> latencies, int errors, double seconds)
{
    public string Scenario { get; } = scenario;
    public int Concurrency { get; } = concurrency;
    public int Count => latencies.Count;
    public int Errors { get; } = errors;
    public double PerSecond => latencies.Count / seconds;

    public double P(int percentile)
    {
        if (latencies.Count == 0)
        {
            return 0;
        }

        var sorted = latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}

internal static class Runner
{
    /// <summary>Runs <paramref name="iteration"/> on <paramref name="concurrency"/> workers for a fixed time; bounded in count and time.</summary>
    public static async Task<Result> RunAsync(string scenario, int concurrency, int seconds, Func<int, Task<bool>> iteration)
    {
        var latencies = new List<double>();
        var errors = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var mine = new List<double>();
            var myErrors = 0;
            while (Stopwatch.GetTimestamp() < stopAt && mine.Count < 1_000_000)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await iteration(worker);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                myErrors += ok ? 0 : 1;
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
                errors += myErrors;
            }
        }));
        var result = new Result(scenario, concurrency, latencies, errors, clock.Elapsed.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {scenario} c={concurrency}: {result.PerSecond:0}/s p50 {result.P(50):0.0} ms p99 {result.P(99):0.0} ms errors {errors}"));
        return result;
    }
}

internal static class Nearby
{
    public static Task<Result> RunAsync(HttpClient http, int concurrency, int seconds)
    {
        string[] categories = ["", "food", "beauty", "fitness", "entertainment"];
        return Runner.RunAsync("nearby search", concurrency, seconds, async worker =>
        {
            var lat = 31.2304 + (Random.Shared.NextDouble() - 0.5) * 0.1;
            var lng = 121.4737 + (Random.Shared.NextDouble() - 0.5) * 0.1;
            var category = categories[Random.Shared.Next(categories.Length)];
            using var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture,
                $"/api/deals/nearby?lat={lat:0.######}&lng={lng:0.######}&radiusKm=5&category={category}&pageSize=20"));
            await response.Content.LoadIntoBufferAsync();
            return response.IsSuccessStatusCode;
        });
    }
}

internal sealed class Loop(HttpClient[] consumers, HttpClient clerk, Guid storeId, Guid dealId, HttpClient admin)
{
    internal const string DemoPassword = "Demo123!";

    public static async Task<Loop> PrepareAsync(HttpClient http, Options options, int consumerCount)
    {
        var clerk = await SignInAsync(options.Url, "clerk@demo.localloop", DemoPassword);
        var stores = await clerk.GetFromJsonAsync<List<JsonElement>>("/api/merchant/stores");
        var deals = await clerk.GetFromJsonAsync<List<JsonElement>>("/api/merchant/deals");
        var storeId = stores![0].GetProperty("id").GetGuid();
        var deal = deals!.First(d => d.GetProperty("stores").EnumerateArray().Any(s => s.GetProperty("id").GetGuid() == storeId));

        var consumers = await NewConsumersAsync(http, options, consumerCount);
        return new Loop(consumers, clerk, storeId, deal.GetProperty("id").GetGuid(), await SignInAsync(options.Url, "admin@demo.localloop", DemoPassword));
    }

    public Task<Result> RunAsync(int concurrency, int seconds) => Runner.RunAsync("order + wallet pay + verify", concurrency, seconds, async worker =>
    {
        var consumer = consumers[worker];
        using var placed = await consumer.PostAsJsonAsync("/api/orders", new { dealId, quantity = 1 });
        if (!placed.IsSuccessStatusCode)
        {
            return false;
        }

        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var paid = await consumer.PostAsJsonAsync($"/api/orders/{orderId}/pay", new { method = "wallet" });
        if (!paid.IsSuccessStatusCode)
        {
            return false;
        }

        var code = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("voucherCodes")[0].GetString();
        using var verified = await clerk.PostAsJsonAsync("/api/merchant/verifications", new { storeId, code });
        return verified.IsSuccessStatusCode;
    });

    public async Task<long> LedgerSumAsync()
    {
        var dashboard = await admin.GetFromJsonAsync<JsonElement>("/api/admin/dashboard");
        return dashboard.GetProperty("ledgerSumFen").GetInt64();
    }

    /// <summary>Consumers signed up over HTTP (a few at a time), each with ¥100,000,000 in the wallet (the order benchmark's first eight buy for over two minutes) and a signed-in client.</summary>
    internal static async Task<HttpClient[]> NewConsumersAsync(HttpClient http, Options options, int count)
    {
        var consumers = new HttpClient[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var email = $"bench-{Guid.NewGuid():N}@bench.localloop";
            var registered = await http.PostAsJsonAsync("/api/auth/register", new { email, password = "Bench1234!", displayName = $"Bench {i}" }, cancellationToken);
            var id = (await registered.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetGuid();
            await FundAsync(options, id, 10_000_000_000);
            consumers[i] = await SignInAsync(options.Url, email, "Bench1234!");
        });
        return consumers;
    }

    internal static async Task<HttpClient> SignInAsync(string url, string email, string password)
    {
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        var token = (await login.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A balanced "bench-topup" ledger transaction plus the matching wallet balance, in one database transaction.</summary>
    internal static async Task FundAsync(Options options, Guid userId, long fen)
    {
        var postgres = options.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        await using System.Data.Common.DbConnection connection = postgres ? new NpgsqlConnection(options.ConnectionString) : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // SQLite stores instants through EF's DateTimeOffsetToBinaryConverter; use the same converter.
        var now = postgres ? (object)DateTimeOffset.UtcNow : new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
        var transactionId = Guid.NewGuid();
        var user = postgres ? (object)userId : userId.ToString().ToUpperInvariant();
        var tx = postgres ? (object)transactionId : transactionId.ToString().ToUpperInvariant();
        await Execute(connection, transaction, """UPDATE "Wallets" SET "BalanceFen" = "BalanceFen" + @fen WHERE "UserId" = @user""", ("fen", fen), ("user", user));
        const string insert = """INSERT INTO "LedgerEntries" ("TransactionId", "Account", "AmountFen", "Kind", "ReferenceId", "At") VALUES (@tx, @account, @amount, 'bench-topup', @user, @at)""";
        await Execute(connection, transaction, insert, ("tx", tx), ("account", "external:demo-funding"), ("amount", -fen), ("user", user), ("at", now));
        await Execute(connection, transaction, insert, ("tx", tx), ("account", $"consumer:{userId}:wallet"), ("amount", fen), ("user", user), ("at", now));
        await transaction.CommitAsync();
    }

    private static async Task Execute(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
