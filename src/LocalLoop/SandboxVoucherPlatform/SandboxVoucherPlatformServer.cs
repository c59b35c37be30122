using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.SandboxVoucherPlatform;

/// <summary>
/// The remote side of a third-party voucher platform (as the big platforms' local-life APIs work), run inside the
/// app for development and tests. It behaves like another company's service: its own tables and code format, an
/// API signed per shop (timestamp + nonce + body, replays and tampering refused), configurable latency and random
/// failures, per-code faults for tests, and a consume that is idempotent by the shop's request id.
/// </summary>
public static class SandboxVoucherPlatformServer
{
    public const string Prefix = "/sandbox-voucher-platform";

    /// <summary>The platform's codes: "EX" and eight letters or digits without look-alikes, unlike our 12-digit codes.</summary>
    public const string CodePrefix = "EX";

    public const int CodeLength = 10;

    public const string CodeAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static bool LooksLikeCode(string code) =>
        code.Length == CodeLength && code.StartsWith(CodePrefix, StringComparison.Ordinal) && code.All(CodeAlphabet.Contains);

    public static void MapSandboxVoucherPlatform(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix + "/api").WithTags("Sandbox voucher platform (remote side)").AllowAnonymous();
        // Signing up on the platform's site: a shop and its API secret.
        api.MapPost("/shops", async (OpenShopRequest open, AppDbContext db, TimeProvider clock) =>
        {
            var shop = new SandboxPlatformShop
            {
                ShopId = "SVS" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)),
                Name = string.IsNullOrWhiteSpace(open.Name) ? "Sandbox shop" : open.Name.Trim()[..Math.Min(open.Name.Trim().Length, 100)],
                Secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
                CreatedAt = clock.GetUtcNow(),
            };
            db.Set<SandboxPlatformShop>().Add(shop);
            await db.SaveChangesAsync();
            return Results.Ok(new OpenShopResponse(shop.ShopId, shop.Secret));
        });
        api.MapSigned<object>("/shop", (call, _) => Task.FromResult(Results.Ok(new ShopInfo(call.Shop.ShopId, call.Shop.Name))));
        api.MapSigned<SellCodesRequest>("/codes/sell", SellAsync);
        api.MapSigned<CodeQueryRequest>("/codes/query", QueryAsync);
        api.MapSigned<ConsumeRequest>("/codes/consume", ConsumeAsync);
        api.MapSigned<ConsumptionQueryRequest>("/consumptions/query", FindConsumptionAsync);
        api.MapSigned<ReverseConsumptionRequest>("/consumptions/reverse", ReverseAsync);
    }

    /// <summary>One authenticated call: the shop that signed it, and the platform's services.</summary>
    private sealed record Call(SandboxPlatformShop Shop, AppDbContext Db, DateTimeOffset Now, HttpContext Http, SandboxPlatformOptions Options);

    private static void MapSigned<T>(this RouteGroupBuilder api, string path, Func<Call, T, Task<IResult>> action) =>
        api.MapPost(path, async (HttpContext http) => await (await Signed(http, action)).ExecuteAsync(http));

    /// <summary>Latency and random failure first, then the signature check, then the action with its parsed body.</summary>
    private static async Task<IResult> Signed<T>(HttpContext http, Func<Call, T, Task<IResult>> action)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<SandboxPlatformOptions>>().Value;
        if (options.LatencyMs > 0)
        {
            await Task.Delay(options.LatencyMs, http.RequestAborted);
        }

        if (options.FailureRate > 0 && Random.Shared.NextDouble() < options.FailureRate)
        {
            return Problems.Result(503, "platform_busy", "The platform is busy; try again.");
        }

        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var shop = await AuthenticateAsync(http.Request, body, db, now);
        if (shop is null)
        {
            return Problems.Result(401, "bad_signature", "Unknown shop, stale timestamp, replayed nonce or wrong signature.");
        }

        T? payload;
        try
        {
            payload = JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            payload = default;
        }

        return payload is null
            ? Problems.Result(400, "bad_request", "The request body is not valid.")
            : await action(new Call(shop, db, now, http, options), payload);
    }

    private static async Task<SandboxPlatformShop?> AuthenticateAsync(HttpRequest request, string body, AppDbContext db, DateTimeOffset now)
    {
        var shopId = request.Headers[PlatformSignature.ShopHeader].ToString();
        var nonce = request.Headers[PlatformSignature.NonceHeader].ToString();
        if (!long.TryParse(request.Headers[PlatformSignature.TimestampHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || nonce.Length is < 8 or > 64 || shopId.Length is 0 or > 32)
        {
            return null;
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        var shop = await db.Set<SandboxPlatformShop>().AsNoTracking().SingleOrDefaultAsync(s => s.ShopId == shopId);
        if (shop is null || (sent - now).Duration() > PlatformSignature.MaxSkew
            || !PlatformSignature.IsValid(timestamp, nonce, body, request.Headers[PlatformSignature.SignatureHeader], shop.Secret))
        {
            return null;
        }

        // The nonce is claimed by its primary key: a replay (even a concurrent one) fails to insert it.
        var forgotten = now - 2 * PlatformSignature.MaxSkew;
        await db.Set<SandboxPlatformNonce>().Where(n => n.At < forgotten).ExecuteDeleteAsync();
        db.Set<SandboxPlatformNonce>().Add(new SandboxPlatformNonce { ShopId = shopId, Nonce = nonce, At = now });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null;
        }

        return shop;
    }

    private static async Task<IResult> SellAsync(Call call, SellCodesRequest sell)
    {
        if (sell.Count is < 1 or > 50 || sell.FaceValueFen <= 0 || sell.SettlementFen <= 0 || sell.SettlementFen > sell.FaceValueFen
            || sell.ValidDays is < 1 or > 366 || string.IsNullOrWhiteSpace(sell.Title) || sell.Title.Length > 100 || !SandboxFaults.IsKnown(sell.Fault))
        {
            return Problems.Result(400, "bad_request", "Sell 1 to 50 codes with a title, a positive face value, a settlement price up to it and 1 to 366 valid days.");
        }

        var codes = Enumerable.Range(0, sell.Count).Select(_ => new SandboxPlatformCode
        {
            Code = CodePrefix + new string(RandomNumberGenerator.GetItems(CodeAlphabet.AsSpan(), CodeLength - CodePrefix.Length)),
            ShopId = call.Shop.ShopId,
            Title = sell.Title.Trim(),
            FaceValueFen = sell.FaceValueFen,
            SettlementFen = sell.SettlementFen,
            State = SandboxCodeState.Unused,
            ValidFrom = call.Now,
            ValidUntil = call.Now.AddDays(sell.ValidDays),
            SoldAt = call.Now,
            Fault = sell.Fault,
        }).ToList();
        call.Db.Set<SandboxPlatformCode>().AddRange(codes);
        await call.Db.SaveChangesAsync();
        return Results.Ok(new SellCodesResponse(codes.Select(c => c.Code).ToList()));
    }

    /// <summary>A code of another shop is as unknown as a code never sold: the platform does not tell shops about each other.</summary>
    private static Task<SandboxPlatformCode?> CodeOfShopAsync(Call call, string code) =>
        call.Db.Set<SandboxPlatformCode>().AsNoTracking().SingleOrDefaultAsync(c => c.Code == code && c.ShopId == call.Shop.ShopId);

    private static async Task<IResult> QueryAsync(Call call, CodeQueryRequest query) =>
        await CodeOfShopAsync(call, query.Code) is not { } code ? Problems.Result(404, "unknown_code", "No code of this shop has this number.")
        : InOutage(code) ? Outage()
        : Results.Ok(Info(code, call.Now));

    private static bool InOutage(SandboxPlatformCode code) => code.Fault == SandboxFaults.OutageAfterConsume && code.State == SandboxCodeState.Consumed;

    private static IResult Outage() => Problems.Result(503, "platform_outage", "The platform is down.");

    private static CodeInfo Info(SandboxPlatformCode code, DateTimeOffset now) => new(code.Code, code.Title, code.FaceValueFen, code.SettlementFen,
        code.State == SandboxCodeState.Consumed ? "CONSUMED" : code.ValidUntil <= now ? "EXPIRED" : "UNUSED", code.ValidFrom, code.ValidUntil, code.ConsumedAt);

    private static async Task<IResult> ConsumeAsync(Call call, ConsumeRequest consume)
    {
        if (string.IsNullOrEmpty(consume.RequestId) || consume.RequestId.Length > 64 || consume.StoreRef.Length > 64)
        {
            return Problems.Result(400, "bad_request", "A consume needs a request id of at most 64 characters.");
        }

        var known = await CodeOfShopAsync(call, consume.Code);
        if (known is not null && InOutage(known))
        {
            return Outage();
        }

        // The same request id again: the first answer, whatever happened since (idempotent consume).
        if (await ConsumptionOfRequestAsync(call, consume.RequestId) is { } earlier)
        {
            return earlier.Code == consume.Code ? Results.Ok(earlier) : Problems.Result(409, "request_id_reused", "This request id was used for another code.");
        }

        if (known is not { } code)
        {
            return Problems.Result(404, "unknown_code", "No code of this shop has this number.");
        }

        if (code.Fault is SandboxFaults.ServerError)
        {
            return Problems.Result(500, "internal_error", "Something went wrong on the platform.");
        }

        if (code.Fault is SandboxFaults.Timeout)
        {
            await HangAsync(call);
            return Problems.Result(504, "timeout", "The platform took too long and did nothing.");
        }

        var consumption = new SandboxPlatformConsumption
        {
            ConsumptionId = "SVC" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)),
            ShopId = call.Shop.ShopId,
            RequestId = consume.RequestId,
            Code = code.Code,
            StoreRef = consume.StoreRef,
            SettlementFen = code.SettlementFen,
            ConsumedAt = call.Now,
        };
        await using (var transaction = await call.Db.Database.BeginTransactionAsync())
        {
            var won = await call.Db.Set<SandboxPlatformCode>()
                .Where(c => c.Code == code.Code && c.State == SandboxCodeState.Unused && c.ValidUntil > call.Now)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, SandboxCodeState.Consumed).SetProperty(c => c.ConsumedAt, call.Now)
                    .SetProperty(c => c.ConsumptionId, consumption.ConsumptionId));
            if (won == 0)
            {
                await transaction.RollbackAsync();
                return await ConsumptionOfRequestAsync(call, consume.RequestId) is { } parallel
                    ? Results.Ok(parallel)
                    : await CodeOfShopAsync(call, code.Code) is { } now && now.State == SandboxCodeState.Consumed
                        ? Problems.Result(409, "code_consumed", "The code has already been consumed.")
                        : Problems.Result(409, "code_expired", "The code has expired.");
            }

            call.Db.Set<SandboxPlatformConsumption>().Add(consumption);
            await call.Db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        if (code.Fault is SandboxFaults.TimeoutAfterConsume or SandboxFaults.OutageAfterConsume)
        {
            await HangAsync(call);
        }

        return Results.Ok(ToInfo(consumption));
    }

    /// <summary>Longer than the caller waits; ends early when the caller gives up.</summary>
    private static Task HangAsync(Call call) =>
        Task.Delay(TimeSpan.FromMilliseconds(call.Options.TimeoutMs * 2 + 1000), call.Http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);

    private static async Task<ConsumptionInfo?> ConsumptionOfRequestAsync(Call call, string requestId) =>
        await call.Db.Set<SandboxPlatformConsumption>().AsNoTracking().SingleOrDefaultAsync(c => c.ShopId == call.Shop.ShopId && c.RequestId == requestId) is { } found
            ? ToInfo(found)
            : null;

    private static ConsumptionInfo ToInfo(SandboxPlatformConsumption c) => new(c.ConsumptionId, c.RequestId, c.Code, c.SettlementFen, c.ConsumedAt, c.ReversedAt);

    private static async Task<IResult> FindConsumptionAsync(Call call, ConsumptionQueryRequest query)
    {
        if (await ConsumptionOfRequestAsync(call, query.RequestId) is not { } found)
        {
            return Problems.Result(404, "unknown_request", "No consumption was made with this request id.");
        }

        return await CodeOfShopAsync(call, found.Code) is { } code && InOutage(code) ? Outage() : Results.Ok(found);
    }

    /// <summary>Undoes a consumption: the code can be used again. Reversing twice answers the first reversal.</summary>
    private static async Task<IResult> ReverseAsync(Call call, ReverseConsumptionRequest reverse)
    {
        var consumptions = call.Db.Set<SandboxPlatformConsumption>();
        var consumption = await consumptions.AsNoTracking().SingleOrDefaultAsync(c => c.ConsumptionId == reverse.ConsumptionId && c.ShopId == call.Shop.ShopId);
        if (consumption is null)
        {
            return Problems.Result(404, "unknown_consumption", "No consumption of this shop has this id.");
        }

        await using var transaction = await call.Db.Database.BeginTransactionAsync();
        var won = await consumptions.Where(c => c.ConsumptionId == consumption.ConsumptionId && c.ReversedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReversedAt, call.Now));
        if (won == 1)
        {
            await call.Db.Set<SandboxPlatformCode>().Where(c => c.Code == consumption.Code && c.ConsumptionId == consumption.ConsumptionId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, SandboxCodeState.Unused).SetProperty(c => c.ConsumedAt, (DateTimeOffset?)null)
                    .SetProperty(c => c.ConsumptionId, (string?)null));
        }

        await transaction.CommitAsync();
        return Results.Ok(await ConsumptionOfRequestAsync(call, consumption.RequestId));
    }
}
