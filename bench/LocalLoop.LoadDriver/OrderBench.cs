using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

/// <summary>
/// The order benchmarks of issue 5, over HTTP against a running app with the demo data:
/// <list type="bullet">
/// <item>order + wallet pay — each worker is its own consumer: <c>POST /api/checkout</c> of one unit of a goods SKU with
/// plenty of stock (shipping), then <c>POST /api/orders/{id}/pay</c> from the wallet; for a fixed time per concurrency;</item>
/// <item>flash sale — a fixed number of purchase attempts (checkout, and pay when placed) on a SKU with few units, from
/// as many workers as the highest concurrency; afterwards the database must show exactly that many units sold.</item>
/// </list>
/// The seller is the demo's Tailor Chen (owner3): its owner adds a warehouse and receives the stock through the API.
/// </summary>
internal static class OrderBench
{
    private const string SellerEmail = "owner3@demo.localloop";
    private const string Product = "真丝领带";
    private const int PlentyUnits = 1_000_000;

    public static async Task<int> RunAsync(HttpClient http, Options options)
    {
        var attempts = options.Attempts;
        var units = options.FlashUnits;
        var workers = options.Concurrency.Max();
        Console.WriteLine($"LocalLoop order benchmark → {options.Url} ({options.Provider}): order + pay at {string.Join("/", options.Concurrency)} for {options.Seconds}s each; " +
            $"flash sale of {units} units, {attempts} attempts from {workers} workers");
        var shop = await Shop.PrepareAsync(options, units);
        var consumers = await Loop.NewConsumersAsync(http, options, workers);

        // The JIT keeps recompiling hot methods at higher tiers for a while after start (tens of thousands of methods
        // here, instrumented first for profile-guided optimisation): a minute into the load the tiering thread still took
        // a tenth of the app's CPU, two minutes in a fortieth. The warm-up lasts until about then.
        Console.WriteLine("  warm-up, not recorded:");
        await Runner.RunAsync("warm-up", 8, 50, async worker => await shop.BuyAsync(consumers[worker], shop.PlentySku, oneRequest: true) == Outcome.Sold);
        await Runner.RunAsync("warm-up", 8, 25, async worker => await shop.BuyAsync(consumers[worker], shop.PlentySku, oneRequest: false) == Outcome.Sold);
        var results = new List<(string Flow, Result Result, CpuSample Cpu)>();
        foreach (var oneRequest in new[] { true, false })
        {
            var flow = oneRequest ? OneRequest : TwoRequests;
            foreach (var concurrency in options.Concurrency)
            {
                var before = CpuSample.Take(options.AppPid);
                var result = await Runner.RunAsync(flow, concurrency, options.Seconds,
                    async worker => await shop.BuyAsync(consumers[worker], shop.PlentySku, oneRequest) == Outcome.Sold);
                results.Add((flow, result, CpuSample.Take(options.AppPid) - before));
            }
        }

        var flashBefore = CpuSample.Take(options.AppPid);
        var flash = await FlashSaleAsync(shop, consumers, attempts);
        var flashCpu = CpuSample.Take(options.AppPid) - flashBefore;
        var soldInDatabase = await shop.UnitsSoldInDatabaseAsync(options, shop.FlashSku);
        var level = await shop.LevelAsync(shop.FlashSku);
        var ledgerSum = (await (await Loop.SignInAsync(options.Url, "admin@demo.localloop", Loop.DemoPassword)).GetFromJsonAsync<JsonElement>("/api/admin/dashboard"))
            .GetProperty("ledgerSumFen").GetInt64();

        Console.WriteLine();
        Console.WriteLine("| scenario | db | concurrency | attempts | per second | p50 ms | p99 ms | sold | refused (409 out_of_stock) | errors | app CPU ms / attempt | db CPU ms / attempt | driver CPU ms / attempt |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (flow, r, cpu) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {flow} | {options.Provider} | {r.Concurrency} | {r.Count} | {r.PerSecond:0.0} | {r.P(50):0.0} | {r.P(99):0.0} | {r.Count - r.Errors} | 0 | {r.Errors} | {PerAttempt(cpu.AppSeconds, r.Count)} | {PerAttempt(cpu.DatabaseSeconds, r.Count)} | {PerAttempt(cpu.DriverSeconds, r.Count)} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| flash sale ({OneRequest}) | {options.Provider} | {workers} | {flash.Result.Count} | {flash.Result.PerSecond:0.0} | {flash.Result.P(50):0.0} | {flash.Result.P(99):0.0} | {flash.Sold} | {flash.Refused} | {flash.Result.Errors} | {PerAttempt(flashCpu.AppSeconds, flash.Result.Count)} | {PerAttempt(flashCpu.DatabaseSeconds, flash.Result.Count)} | {PerAttempt(flashCpu.DriverSeconds, flash.Result.Count)} |"));
        Console.WriteLine();
        Console.WriteLine($"flash sale in the database: {soldInDatabase} units in paid orders; stock on hand {level.OnHand}, reserved {level.Reserved}, available {level.Available}");
        Console.WriteLine($"ledger sum after the run: {ledgerSum} fen ({(ledgerSum == 0 ? "balanced" : "NOT BALANCED")})");
        // Lines for bench/orders.sh, which divides these by pgbench's tps.
        foreach (var flow in new[] { OneRequest, TwoRequests })
        {
            Console.WriteLine($"orders/s ({flow}): " + string.Join(" ", results.Where(r => r.Flow == flow)
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Result.Concurrency}={r.Result.PerSecond:0.0}"))));
        }

        var exact = soldInDatabase == units && flash.Sold == units && (level.OnHand, level.Reserved, level.Available) == (units, units, 0);
        Console.WriteLine(exact ? $"flash sale: sold exactly {units}" : $"flash sale: NOT EXACT (expected {units})");
        return exact && ledgerSum == 0 && results.All(r => r.Result.Errors == 0) && flash.Result.Errors == 0 ? 0 : 1;
    }

    private const string OneRequest = "place + wallet pay, one request";
    private const string TwoRequests = "place, then wallet pay";

    /// <summary>CPU milliseconds per attempt, or a dash when the app's process was not given (--app-pid).</summary>
    private static string PerAttempt(double cpuSeconds, int attempts) =>
        cpuSeconds <= 0 || attempts == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{cpuSeconds * 1000 / attempts:0.00}");

    private static async Task<(Result Result, int Sold, int Refused)> FlashSaleAsync(Shop shop, HttpClient[] consumers, int attempts)
    {
        var latencies = new List<double>();
        int next = 0, sold = 0, refused = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(consumers.Select(async consumer =>
        {
            var mine = new List<double>();
            while (Interlocked.Increment(ref next) <= attempts)
            {
                var started = Stopwatch.GetTimestamp();
                var outcome = await shop.BuyAsync(consumer, shop.FlashSku, oneRequest: true);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref outcome == Outcome.Sold ? ref sold : ref outcome == Outcome.Refused ? ref refused : ref errors);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));
        var result = new Result("flash sale", consumers.Length, latencies, errors, clock.Elapsed.TotalSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  flash sale c={consumers.Length}: {result.PerSecond:0}/s p50 {result.P(50):0.0} ms p99 {result.P(99):0.0} ms sold {sold} refused {refused} errors {errors}"));
        return (result, sold, refused);
    }

    private enum Outcome { Sold, Refused, Error }

    private sealed record Level(int OnHand, int Reserved, int Available);

    private sealed class Shop(HttpClient owner, Guid productId, Guid warehouseId, Guid plentySku, Guid flashSku)
    {
        public Guid PlentySku => plentySku;
        public Guid FlashSku => flashSku;

        /// <summary>A new standby warehouse of the seller with plenty of the first tie colour and only a few of the third.</summary>
        public static async Task<Shop> PrepareAsync(Options options, int flashUnits)
        {
            var owner = await Loop.SignInAsync(options.Url, SellerEmail, Loop.DemoPassword);
            var products = await owner.GetFromJsonAsync<List<JsonElement>>("/api/merchant/products");
            var productId = products!.First(p => p.GetProperty("title").GetString() == Product).GetProperty("id").GetGuid();
            var detail = await owner.GetFromJsonAsync<JsonElement>($"/api/merchant/products/{productId}");
            var skus = detail.GetProperty("live").GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
            // The demo stocks these ties elsewhere too: set those units of the flash-sale colour aside as defective (checkout
            // never sells from a defective warehouse), so the flash sale can sell exactly the units received below.
            var quarantine = await PostAsync(owner, "/api/merchant/inventory/warehouses", new { name = "压测隔离仓", type = "Defective" });
            var stocked = await owner.GetFromJsonAsync<List<JsonElement>>("/api/merchant/inventory/stock");
            foreach (var row in stocked!.Where(r => r.GetProperty("skuId").GetGuid() == skus[2] && r.GetProperty("available").GetInt32() > 0))
            {
                (await owner.PostAsJsonAsync("/api/merchant/inventory/defective", new
                {
                    fromLocationId = row.GetProperty("locationId").GetGuid(),
                    toLocationId = quarantine,
                    note = "压测：隔离演示库存",
                    lines = new[] { new { productId, skuId = skus[2], quantity = row.GetProperty("available").GetInt32() } },
                })).EnsureSuccessStatusCode();
            }

            var warehouse = await PostAsync(owner, "/api/merchant/inventory/warehouses", new { name = "压测仓", type = "Standby" });
            var receipt = await PostAsync(owner, "/api/merchant/inventory/receipts", new
            {
                locationId = warehouse,
                supplier = "压测供应商",
                lines = new[] { new { productId, skuId = skus[0], quantity = PlentyUnits, unitCostFen = 6_000 }, new { productId, skuId = skus[2], quantity = flashUnits, unitCostFen = 6_000 } },
            });
            (await owner.PostAsync($"/api/merchant/inventory/receipts/{receipt}/receive", null)).EnsureSuccessStatusCode();
            return new Shop(owner, productId, warehouse, skus[0], skus[2]);
        }

        /// <summary>
        /// One purchase attempt: check out one unit for shipping and pay from the wallet — in the same request, or, when
        /// the order is placed, with a second request.
        /// </summary>
        public async Task<Outcome> BuyAsync(HttpClient consumer, Guid skuId, bool oneRequest)
        {
            using var placed = await consumer.PostAsJsonAsync("/api/checkout", new
            {
                fulfilment = "shipping",
                items = new[] { new { productId, skuId, quantity = 1 } },
                recipientName = "压测用户",
                recipientPhone = "13900139000",
                address = "上海市黄浦区南京东路 100 号 5 楼",
                cashOnDelivery = false,
                payFromWallet = oneRequest,
            });
            if (placed.StatusCode == HttpStatusCode.Conflict)
            {
                var problem = await placed.Content.ReadFromJsonAsync<JsonElement>();
                return problem.GetProperty("code").GetString() == "out_of_stock" ? Outcome.Refused : Outcome.Error;
            }

            if (!placed.IsSuccessStatusCode)
            {
                return Outcome.Error;
            }

            var order = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orders")[0];
            if (oneRequest)
            {
                return order.GetProperty("state").GetString() == "Paid" ? Outcome.Sold : Outcome.Error;
            }

            using var paid = await consumer.PostAsJsonAsync($"/api/orders/{order.GetProperty("id").GetGuid()}/pay", new { method = "wallet" });
            return paid.IsSuccessStatusCode ? Outcome.Sold : Outcome.Error;
        }

        public async Task<Level> LevelAsync(Guid skuId)
        {
            var rows = await owner.GetFromJsonAsync<List<JsonElement>>($"/api/merchant/inventory/stock?locationId={warehouseId}");
            var row = rows!.Single(r => r.GetProperty("skuId").GetGuid() == skuId);
            return new Level(row.GetProperty("onHand").GetInt32(), row.GetProperty("reserved").GetInt32(), row.GetProperty("available").GetInt32());
        }

        /// <summary>Units of the SKU in paid orders, read straight from the database rather than from the app.</summary>
        public async Task<long> UnitsSoldInDatabaseAsync(Options options, Guid skuId)
        {
            var postgres = options.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
            await using DbConnection connection = postgres ? new NpgsqlConnection(options.ConnectionString) : new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT COALESCE(SUM(l."Quantity"), 0) FROM "OrderLines" l JOIN "Orders" o ON o."Id" = l."OrderId"
                WHERE l."SkuId" = @sku AND o."State" = 'Paid'
                """;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "sku";
            parameter.Value = postgres ? skuId : skuId.ToString().ToUpperInvariant();
            command.Parameters.Add(parameter);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        private static async Task<Guid> PostAsync(HttpClient client, string path, object body)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
    }
}
