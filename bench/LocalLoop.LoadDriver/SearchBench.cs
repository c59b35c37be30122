using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

/// <summary>
/// The search benchmark's city: 100,000 stores of 40,000 merchants and 500,000 products in a 40 × 40 km square around
/// People's Square, with Chinese names drawn from word lists, written straight into the tables (a prepared INSERT in one
/// transaction on SQLite, binary COPY on PostgreSQL). It empties the search index last, so the app rebuilds it at start.
/// </summary>
internal static class SearchCity
{
    public const double CenterLat = 31.2304;
    public const double CenterLng = 121.4737;
    public const double HalfSideKm = 20;
    public const int Merchants = 40_000;
    public const int Stores = 100_000;
    public const int Products = 500_000;

    private static readonly (string Top, string Child, string[] Cores, string[] Items)[] Trades =
    [
        ("food", "food.hotpot", ["火锅", "老火锅", "串串香", "涮肉"], ["毛肚", "肥牛卷", "鸭血", "虾滑", "鸳鸯锅底", "嫩牛肉", "黄喉"]),
        ("food", "food.bbq", ["烧烤", "烤肉", "烤串"], ["羊肉串", "烤生蚝", "烤鸡翅", "五花肉", "烤茄子"]),
        ("food", "food.noodles", ["面馆", "拉面", "小面", "米粉"], ["牛肉面", "葱油拌面", "大排面", "酸辣粉", "阳春面"]),
        ("food", "food.fastfood", ["生煎", "小吃", "包子铺", "馄饨"], ["生煎包", "小笼包", "鲜肉馄饨", "煎饼果子", "锅贴"]),
        ("food", "food.dessert", ["奶茶", "咖啡", "甜品"], ["珍珠奶茶", "杨枝甘露", "拿铁咖啡", "芒果班戟", "双皮奶"]),
        ("daily", "daily.grocery", ["便利店", "超市", "生鲜"], ["矿泉水", "鲜牛奶", "有机蔬菜", "进口水果", "速冻水饺"]),
        ("beauty", "beauty.hair", ["美发", "发型工作室"], ["洗剪吹", "烫发", "染发", "头皮护理"]),
        ("beauty", "beauty.nails", ["美甲", "美睫"], ["纯色美甲", "法式美甲", "嫁接睫毛"]),
        ("fitness", "fitness.gym", ["健身", "健身房"], ["私教体验课", "月卡", "团课"]),
        ("fitness", "fitness.yoga", ["瑜伽", "普拉提"], ["空中瑜伽", "哈他瑜伽体验", "普拉提私教"]),
        ("entertainment", "entertainment.ktv", ["KTV", "量贩KTV"], ["欢唱三小时", "小包套餐", "啤酒畅饮"]),
        ("entertainment", "entertainment.escape", ["密室", "桌游"], ["沉浸式密室", "剧本杀", "桌游畅玩"]),
        ("lodging", "lodging.hotel", ["酒店", "精品酒店"], ["大床房", "双床房", "行政套房"]),
        ("education", "education.language", ["英语", "外语培训"], ["口语体验课", "雅思冲刺", "少儿英语"]),
        ("medical", "medical.dental", ["口腔", "齿科"], ["洗牙", "牙齿美白", "儿童涂氟"]),
    ];

    private static readonly string[] Places = ["重庆", "成都", "老北京", "上海", "潮汕", "湘西", "广式", "东北", "云南", "新疆", "杭帮", "港式", "台式", "日式", "韩式", "川味", "江南", "西北"];
    private static readonly string[] Brands = ["小杨", "老王", "阿婆", "大队长", "巷子", "好运", "福满", "金牌", "鑫旺", "悦来", "一品", "聚德", "春风", "星光", "木子", "喜乐"];
    private static readonly string[] Landmarks = ["人民广场", "南京东路", "陆家嘴", "徐家汇", "静安寺", "五角场", "中山公园", "虹桥", "世纪大道", "打浦桥", "新天地", "淮海路", "长寿路", "曹家渡", "张江", "七宝", "莘庄", "大宁", "田子坊", "外滩"];
    private static readonly string[] Adjectives = ["招牌", "特色", "精选", "经典", "现做", "秘制", "手工", "超值"];

    public static string[] Keywords => ["火锅", "锅", "老火锅", "奶茶", "烧烤", "面", "生煎包", "咖啡", "超市", "美甲", "健身", "瑜伽", "KTV", "毛肚", "牛肉面", "串"];

    public static string[] TopCategories => ["food", "daily", "beauty", "fitness", "entertainment", "lodging", "education", "medical"];

    public static async Task SeedAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(20261122);
        var postgres = options.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        await using DbConnection connection = postgres ? new NpgsqlConnection(options.ConnectionString) : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync();
        var now = DateTimeOffset.UtcNow;

        var merchants = Enumerable.Range(0, Merchants).Select(i =>
        {
            var trade = Trades[random.Next(Trades.Length)];
            var name = $"{(random.Next(2) == 0 ? Places[random.Next(Places.Length)] : Brands[random.Next(Brands.Length)])}{trade.Cores[random.Next(trade.Cores.Length)]}";
            return (Id: Guid.NewGuid(), Name: name, Trade: trade);
        }).ToList();

        await using (var writer = BulkWriter.Open(connection, "Merchants", ["Id", "Name", "Category", "OwnerUserId", "CommissionRateBasisPoints", "Status", "CreatedAt"]))
        {
            foreach (var m in merchants)
            {
                await writer.RowAsync(m.Id, m.Name, m.Trade.Top, Guid.NewGuid(), 500, "Active", now);
            }
        }

        var degLat = HalfSideKm / 111.32;
        var degLng = HalfSideKm / (111.32 * Math.Cos(CenterLat * Math.PI / 180));
        var weeklyHours = new List<object[]>();
        await using (var stores = BulkWriter.Open(connection, "Stores", ["Id", "MerchantId", "Name", "City", "Address", "Latitude", "Longitude", "Phone", "TimeZoneId", "ServiceRadiusKm", "CreatedAt"]))
        {
            for (var i = 0; i < Stores; i++)
            {
                var merchant = merchants[i % Merchants];
                var id = Guid.NewGuid();
                var landmark = Landmarks[random.Next(Landmarks.Length)];
                var opens = new TimeOnly(random.Next(6, 12), random.Next(2) * 30);
                var closes = new TimeOnly(random.Next(20, 24), random.Next(2) * 30);
                await stores.RowAsync(id, merchant.Id, $"{landmark}店", "上海", $"上海市{landmark}路{random.Next(1, 999)}号",
                    CenterLat + (random.NextDouble() * 2 - 1) * degLat, CenterLng + (random.NextDouble() * 2 - 1) * degLng,
                    $"021-{random.Next(10_000_000, 99_999_999)}", "Asia/Shanghai", 5.0, now);
                // Every store keeps weekly hours; one in five is closed on Mondays and open later at weekends.
                var irregular = i % 5 == 0;
                foreach (var day in Enum.GetValues<DayOfWeek>().Where(d => !irregular || d != DayOfWeek.Monday))
                {
                    var weekend = day is DayOfWeek.Saturday or DayOfWeek.Sunday;
                    weeklyHours.Add([Guid.NewGuid(), id, merchant.Id, day.ToString(), opens, irregular && weekend ? new TimeOnly(23, 59) : closes]);
                }
            }
        }

        await using (var hours = BulkWriter.Open(connection, "StoreHours", ["Id", "StoreId", "MerchantId", "Day", "OpensAt", "ClosesAt"]))
        {
            foreach (var row in weeklyHours)
            {
                await hours.RowAsync(row);
            }
        }

        await using (var products = BulkWriter.Open(connection, "Products", ["Id", "MerchantId", "Kind", "Title", "CategoryCode", "Status", "IsLive", "Listed", "MinPriceFen", "SalesCount", "CreatedAt", "UpdatedAt"]))
        {
            for (var i = 0; i < Products; i++)
            {
                var merchant = merchants[i % Merchants];
                var item = merchant.Trade.Items[random.Next(merchant.Trade.Items.Length)];
                var title = $"{Adjectives[random.Next(Adjectives.Length)]}{item}{(random.Next(3) == 0 ? " 双人份" : "")}";
                var live = random.Next(10) > 0;
                await products.RowAsync(Guid.NewGuid(), merchant.Id, "Goods", title, merchant.Trade.Child, live ? "Approved" : "Pending", live, live,
                    (long)random.Next(5, 500) * 100, random.Next(0, 5000), now, now);
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """DELETE FROM "StoreSearchDocs"; DELETE FROM "StoreSearchTitles" """;
            await command.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {Merchants} merchants, {Stores} stores, {Products} products in {clock.Elapsed.TotalSeconds:0} s; the app rebuilds the search index at its next start"));
    }

    public static Task<Result> RunAsync(HttpClient http, int concurrency, int seconds, double radiusKm)
    {
        var degLat = HalfSideKm / 111.32;
        var degLng = HalfSideKm / (111.32 * Math.Cos(CenterLat * Math.PI / 180));
        return Runner.RunAsync($"search {radiusKm:0} km", concurrency, seconds, async worker =>
        {
            var lat = CenterLat + (Random.Shared.NextDouble() * 2 - 1) * degLat;
            var lng = CenterLng + (Random.Shared.NextDouble() * 2 - 1) * degLng;
            var keyword = Keywords[Random.Shared.Next(Keywords.Length)];
            var category = Random.Shared.Next(2) == 0 ? "" : TopCategories[Random.Shared.Next(TopCategories.Length)];
            using var response = await http.GetAsync(string.Create(CultureInfo.InvariantCulture,
                $"/api/search/nearby?lat={lat:0.######}&lng={lng:0.######}&radiusKm={radiusKm}&category={category}&q={Uri.EscapeDataString(keyword)}&sort=distance&pageSize=20"));
            await response.Content.LoadIntoBufferAsync();
            return response.IsSuccessStatusCode;
        });
    }

    /// <summary>Appends rows to one table as fast as each provider allows.</summary>
    private abstract class BulkWriter : IAsyncDisposable
    {
        public static BulkWriter Open(DbConnection connection, string table, string[] columns) => connection switch
        {
            NpgsqlConnection npgsql => new Copy(npgsql, table, columns),
            SqliteConnection sqlite => new Insert(sqlite, table, columns),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };

        public abstract Task RowAsync(params object[] values);

        public abstract ValueTask DisposeAsync();

        private static string Quoted(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

        private sealed class Copy(NpgsqlConnection connection, string table, string[] columns) : BulkWriter
        {
            private readonly NpgsqlBinaryImporter _importer = connection.BeginBinaryImport($"COPY \"{table}\" ({Quoted(columns)}) FROM STDIN (FORMAT BINARY)");

            public override Task RowAsync(params object[] values) => _importer.WriteRowAsync(default, values);

            public override async ValueTask DisposeAsync()
            {
                await _importer.CompleteAsync();
                await _importer.DisposeAsync();
            }
        }

        /// <summary>One prepared INSERT in one transaction, values converted the way EF stores them on SQLite.</summary>
        private sealed class Insert : BulkWriter
        {
            private static readonly DateTimeOffsetToBinaryConverter Instants = new();
            private readonly SqliteTransaction _transaction;
            private readonly SqliteCommand _command;

            public Insert(SqliteConnection connection, string table, string[] columns)
            {
                _transaction = connection.BeginTransaction();
                _command = connection.CreateCommand();
                _command.Transaction = _transaction;
                _command.CommandText = $"INSERT INTO \"{table}\" ({Quoted(columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
                for (var i = 0; i < columns.Length; i++)
                {
                    _command.Parameters.Add(new SqliteParameter("$p" + i, null));
                }

                _command.Prepare();
            }

            public override async Task RowAsync(params object[] values)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    _command.Parameters[i].Value = values[i] switch
                    {
                        Guid g => g.ToString().ToUpperInvariant(),
                        DateTimeOffset d => Instants.ConvertToProvider(d),
                        TimeOnly t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                        bool b => b ? 1 : 0,
                        var other => other,
                    };
                }

                await _command.ExecuteNonQueryAsync();
            }

            public override async ValueTask DisposeAsync()
            {
                await _transaction.CommitAsync();
                await _command.DisposeAsync();
                await _transaction.DisposeAsync();
            }
        }
    }
}
