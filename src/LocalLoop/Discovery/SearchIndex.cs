using System.Globalization;
using LocalLoop.Catalog;
using LocalLoop.Deals;
using LocalLoop.Merchants;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Discovery;

/// <summary>
/// Keeps <see cref="StoreSearchDoc"/> rows in step with what consumers may find. Every code path that changes a
/// merchant's stores, deals, products, reviews or status calls <see cref="RefreshMerchantAsync"/> after its change is
/// saved, so the change is visible to the very next search; <see cref="RebuildAsync"/> recomputes every row (at start
/// when the table is empty, after bulk seeding).
/// </summary>
public sealed class SearchIndex(AppDbContext db, TimeProvider clock)
{
    /// <summary>Titles kept per store: enough to find and show what it sells, bounded so one shop cannot bloat the row.</summary>
    private const int MaxTitles = 60;

    /// <summary>Re-reads one merchant's stores, deals, products, reviews and status into the index.</summary>
    public async Task RefreshMerchantAsync(Guid merchantId)
    {
        var source = await SourceData.LoadAsync(db, merchantId);
        var docs = Build(source, await CategoryNamesAsync(), clock.GetUtcNow());
        // Two refreshes of one merchant may race: each replaces the rows in its own transaction; the loser retries.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await db.StoreSearchDocs.Where(d => d.MerchantId == merchantId).ExecuteDeleteAsync();
                await db.StoreSearchTitles.Where(t => t.MerchantId == merchantId).ExecuteDeleteAsync();
                db.StoreSearchDocs.AddRange(docs.Select(d => d.Doc));
                db.StoreSearchTitles.AddRange(docs.Select(d => d.Titles));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A category was renamed: the stores filed under it are found by the new name.</summary>
    public async Task RefreshCategoryAsync(string code)
    {
        var framed = "|" + code + "|";
        var merchants = await db.StoreSearchDocs.Where(d => d.CategoryCodes.Contains(framed)).Select(d => d.MerchantId).Distinct().ToListAsync();
        foreach (var merchantId in merchants)
        {
            await RefreshMerchantAsync(merchantId);
        }
    }

    /// <summary>A paid order of a deal: the stores honouring it count the sale at once, without recomputing the merchant.</summary>
    public Task DealSoldAsync(Guid dealId, int quantity) =>
        db.StoreSearchDocs.Where(d => db.DealStores.Any(l => l.DealId == dealId && l.StoreId == d.StoreId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Sales, d => d.Sales + quantity));

    /// <summary>Recomputes the whole index from the source tables.</summary>
    public async Task RebuildAsync()
    {
        var source = await SourceData.LoadAsync(db, merchantId: null);
        var docs = Build(source, await CategoryNamesAsync(), clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.StoreSearchDocs.ExecuteDeleteAsync();
        await db.StoreSearchTitles.ExecuteDeleteAsync();
        // Written in key order, PostgreSQL's heap ends up clustered like SQLite's table: nearby rows share pages.
        foreach (var chunk in docs.OrderBy(d => d.Doc.LatRow).ThenBy(d => d.Doc.Longitude).Chunk(5000))
        {
            db.StoreSearchDocs.AddRange(chunk.Select(d => d.Doc));
            db.StoreSearchTitles.AddRange(chunk.Select(d => d.Titles));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Builds the index when stores exist but the index is empty (a new version on an existing database, demo data).</summary>
    public async Task EnsureBuiltAsync()
    {
        if (!await db.StoreSearchDocs.AnyAsync() && await db.Stores.IgnoreQueryFilters().AnyAsync())
        {
            await RebuildAsync();
        }
    }

    private Task<Dictionary<string, CategoryNode>> CategoryNamesAsync() =>
        db.CategoryNodes.AsNoTracking().ToDictionaryAsync(c => c.Code);

    private static List<(StoreSearchDoc Doc, StoreSearchTitles Titles)> Build(SourceData source, Dictionary<string, CategoryNode> categories, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(ConsumerFormat.Local(now).DateTime);
        var dealsByStore = source.DealLinks.ToLookup(l => l.StoreId, l => source.Deals[l.DealId]);
        var productsByMerchant = source.Products.ToLookup(p => p.MerchantId);
        var hoursByStore = source.Hours.ToLookup(h => h.StoreId);
        var exceptionsByStore = source.Exceptions.Where(e => e.Date >= today.AddDays(-1)).ToLookup(e => e.StoreId);
        var docs = new List<(StoreSearchDoc, StoreSearchTitles)>(source.Stores.Count);
        foreach (var store in source.Stores)
        {
            if (!source.Merchants.TryGetValue(store.MerchantId, out var merchant))
            {
                continue; // frozen: its stores vanish from discovery
            }

            var deals = dealsByStore[store.Id].OrderByDescending(d => d.SoldCount).ToList();
            var products = productsByMerchant[store.MerchantId].OrderByDescending(p => p.SalesCount).ToList();
            var titles = deals.Select(d => d.Title).Concat(products.Select(p => p.Title)).Distinct().Take(MaxTitles).ToList();

            var codes = new SortedSet<string>(StringComparer.Ordinal) { merchant.Category };
            codes.UnionWith(deals.Select(d => d.Category));
            codes.UnionWith(products.Select(p => p.CategoryCode));
            codes.UnionWith(codes.Where(c => c.Contains('.')).Select(c => c[..c.IndexOf('.')]).ToList());
            codes.RemoveWhere(string.IsNullOrEmpty);

            var names = new List<string> { merchant.Name, store.Name };
            foreach (var code in codes)
            {
                if (categories.TryGetValue(code, out var node))
                {
                    names.Add(node.NameZh);
                    names.Add(node.NameEn);
                }
            }

            var prices = deals.Select(d => d.PriceFen).Concat(products.Select(p => p.MinPriceFen)).ToList();
            source.Ratings.TryGetValue(store.Id, out var rating);
            var searchText = Normalize(string.Join('\n', titles.Prepend(string.Join(' ', names))));
            var signature = CharSignature.Of(searchText);
            docs.Add((new StoreSearchDoc
            {
                StoreId = store.Id,
                MerchantId = store.MerchantId,
                LatRow = StoreSearchDoc.RowOf(store.Latitude),
                Latitude = store.Latitude,
                Longitude = store.Longitude,
                StoreName = store.Name,
                MerchantName = merchant.Name,
                Category = merchant.Category,
                CategoryCodes = "|" + string.Join('|', codes) + "|",
                SearchText = searchText,
                CharsLow = signature.Low,
                CharsHigh = signature.High,
                Hours = StoreHoursText.Write(store, hoursByStore[store.Id], exceptionsByStore[store.Id]),
                AverageRating = rating?.Average is { } average ? Math.Round(average, 1) : null,
                ReviewCount = rating?.Count ?? 0,
                Sales = deals.Sum(d => d.SoldCount) + products.Sum(p => p.SalesCount),
                MinPriceFen = prices.Count == 0 ? null : prices.Min(),
                UpdatedAt = now,
            }, new StoreSearchTitles { StoreId = store.Id, MerchantId = store.MerchantId, Titles = string.Join('\n', titles) }));
        }

        return docs;
    }

    /// <summary>
    /// How the stored text and a keyword are compared: lower case, so a plain LIKE matches in any case (PostgreSQL's
    /// ILIKE costs four times as much per row on Chinese text).
    /// </summary>
    public static string Normalize(string text) => text.Trim().ToLowerInvariant();

    private sealed record DealRow(Guid Id, string Title, string Category, long PriceFen, int SoldCount);

    private sealed record ProductRow(Guid MerchantId, string Title, string CategoryCode, long MinPriceFen, int SalesCount);

    private sealed record LinkRow(Guid DealId, Guid StoreId);

    private sealed record MerchantRow(Guid Id, string Name, string Category);

    private sealed record RatingRow(double? Average, int Count);

    /// <summary>Everything the index is computed from, for one merchant or for all.</summary>
    private sealed record SourceData(
        Dictionary<Guid, MerchantRow> Merchants, List<Store> Stores, Dictionary<Guid, DealRow> Deals, List<LinkRow> DealLinks,
        List<ProductRow> Products, Dictionary<Guid, RatingRow> Ratings, List<StoreHours> Hours, List<StoreHoursException> Exceptions)
    {
        public static async Task<SourceData> LoadAsync(AppDbContext db, Guid? merchantId)
        {
            // The index serves every consumer: tenant filters of a merchant-console request must not narrow what it reads.
            var merchants = await db.Merchants.AsNoTracking()
                .Where(m => m.Status == MerchantStatus.Active && (merchantId == null || m.Id == merchantId))
                .Select(m => new MerchantRow(m.Id, m.Name, m.Category)).ToDictionaryAsync(m => m.Id);
            var stores = await db.Stores.IgnoreQueryFilters().AsNoTracking().Where(s => merchantId == null || s.MerchantId == merchantId).ToListAsync();
            var deals = await db.Deals.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.Status == DealStatus.Approved && (merchantId == null || d.MerchantId == merchantId))
                .Select(d => new DealRow(d.Id, d.Title, d.Category, d.PriceFen, d.SoldCount)).ToDictionaryAsync(d => d.Id);
            var links = await (from link in db.DealStores
                               join deal in db.Deals.IgnoreQueryFilters() on link.DealId equals deal.Id
                               where deal.Status == DealStatus.Approved && (merchantId == null || deal.MerchantId == merchantId)
                               select new LinkRow(link.DealId, link.StoreId)).AsNoTracking().ToListAsync();
            var products = await db.Products.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.IsLive && p.Listed && (merchantId == null || p.MerchantId == merchantId))
                .Select(p => new ProductRow(p.MerchantId, p.Title, p.CategoryCode, p.MinPriceFen, p.SalesCount)).ToListAsync();
            var ratings = await db.Reviews.AsNoTracking().Where(r => merchantId == null || r.MerchantId == merchantId)
                .GroupBy(r => r.StoreId).Select(g => new { StoreId = g.Key, Average = g.Average(r => (double?)r.Rating), Count = g.Count() })
                .ToDictionaryAsync(r => r.StoreId, r => new RatingRow(r.Average, r.Count));
            var hours = await db.StoreHours.IgnoreQueryFilters().AsNoTracking().Where(h => merchantId == null || h.MerchantId == merchantId).ToListAsync();
            var exceptions = await db.StoreHoursExceptions.IgnoreQueryFilters().AsNoTracking().Where(e => merchantId == null || e.MerchantId == merchantId).ToListAsync();
            return new SourceData(merchants, stores, deals, links, products, ratings, hours, exceptions);
        }
    }
}

/// <summary>
/// A store's opening hours in the compact text the index keeps (tens of bytes, so rows stay narrow and a scan stays fast):
/// "zone|week|exceptions". The zone is empty for Asia/Shanghai; the week is "*0930-2200" when every day is alike, else
/// seven ";"-separated days from Sunday, each a ","-list of "HHmm-HHmm" (empty: closed); exceptions are "yyyyMMddx"
/// (closed) or "yyyyMMdd=HHmm-HHmm", ";"-separated.
/// </summary>
public static class StoreHoursText
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpeningHours> Parsed = new();

    /// <summary>The store's weekly hours and date exceptions (a store without hours is never open).</summary>
    public static string Write(Store store, IEnumerable<StoreHours> week, IEnumerable<StoreHoursException> exceptions)
    {
        var hours = OpeningHours.For(store, week, exceptions);
        var days = Enum.GetValues<DayOfWeek>()
            .Select(d => string.Join(',', hours.Week.Where(p => p.Day == d).OrderBy(p => p.Opens).Select(p => Period(p.Opens, p.Closes))))
            .ToList();
        var weekText = days.Distinct().Count() == 1 ? "*" + days[0] : string.Join(';', days);
        var exceptionText = string.Join(';', hours.Exceptions.OrderBy(e => e.Date).Select(e =>
            e.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (e.Closed || e.Opens is null || e.Closes is null ? "x" : "=" + Period(e.Opens.Value, e.Closes.Value))));
        var zone = hours.TimeZoneId == OpeningHours.DefaultTimeZoneId ? "" : hours.TimeZoneId;
        return $"{zone}|{weekText}|{exceptionText}";
    }

    /// <summary>Most stores share a handful of schedules, so each distinct text is parsed once.</summary>
    public static OpeningHours Read(string text)
    {
        if (Parsed.TryGetValue(text, out var hours))
        {
            return hours;
        }

        var parts = text.Split('|');
        var dayTexts = parts[1].StartsWith('*') ? Enumerable.Repeat(parts[1][1..], 7).ToArray() : parts[1].Split(';');
        var week = dayTexts.SelectMany((day, i) => day.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => new OpeningHours.Period((DayOfWeek)i, Time(p[..4]), Time(p[5..])))).ToList();
        var exceptions = parts[2].Split(';', StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            var date = DateOnly.ParseExact(e[..8], "yyyyMMdd", CultureInfo.InvariantCulture);
            return e[8] == 'x' ? new OpeningHours.DateException(date, true, null, null)
                : new OpeningHours.DateException(date, false, Time(e[9..13]), Time(e[14..18]));
        }).ToList();
        hours = new OpeningHours(week, exceptions, parts[0].Length == 0 ? OpeningHours.DefaultTimeZoneId : parts[0]);
        if (Parsed.Count > 50_000)
        {
            Parsed.Clear();
        }

        Parsed.TryAdd(text, hours);
        return hours;
    }

    private static string Period(TimeOnly opens, TimeOnly closes) =>
        opens.ToString("HHmm", CultureInfo.InvariantCulture) + "-" + closes.ToString("HHmm", CultureInfo.InvariantCulture);

    private static TimeOnly Time(string hhmm) => TimeOnly.ParseExact(hhmm, "HHmm", CultureInfo.InvariantCulture);
}
