using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Platform.Idempotency;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header on POSTs that move money or stock: the first response is stored
/// and replayed for 24 hours; the same key with a different request answers 422. The key is claimed by
/// inserting its row before the work runs, so two concurrent requests with one key cannot both do the work.
/// </summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return await next(context);
        }

        if (key.Length > 100)
        {
            return Problems.Result(StatusCodes.Status400BadRequest, "invalid_idempotency_key", "Idempotency-Key must be at most 100 characters.");
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<AppDbContext>();
        var recordKey = RecordKey(http, key);
        var hash = await RequestHashAsync(http.Request);
        if (await ClaimAsync(db, recordKey, hash, services.GetRequiredService<TimeProvider>().GetUtcNow()) is { } existing)
        {
            return Replay(existing, hash);
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch (DomainException ex)
        {
            await StoreAsync(db, recordKey, ex.Status, JsonSerializer.Serialize(Problems.From(ex)), "application/problem+json");
            throw;
        }
        catch
        {
            // An unexpected failure is not an answer: free the key so the client can retry.
            await ReleaseAsync(db, recordKey);
            throw;
        }

        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var value = (result as IValueHttpResult)?.Value;
        await StoreAsync(db, recordKey, status, value is null ? "" : JsonSerializer.Serialize(value, value.GetType(), JsonOptions(services)), "application/json");
        return result;
    }

    /// <summary>The caller and the key together: two callers may use the same key.</summary>
    internal static string RecordKey(HttpContext http, string key) =>
        $"{http.RequestServices.GetRequiredService<CurrentUser>().Id?.ToString() ?? "anonymous"}:{http.Request.Path}:{key}";

    /// <summary>
    /// Claims the key for this request by inserting its row before the work runs: null when this request won it, else
    /// the record of the request that got there first (still in progress while its status code is 0).
    /// </summary>
    internal static async Task<IdempotencyRecord?> ClaimAsync(AppDbContext db, string recordKey, string hash, DateTimeOffset now)
    {
        var existing = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == recordKey);
        if (existing is not null && existing.CreatedAt < now - Retention)
        {
            await db.IdempotencyRecords.Where(r => r.Key == recordKey).ExecuteDeleteAsync();
            existing = null;
        }

        if (existing is not null)
        {
            return existing;
        }

        try
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord { Key = recordKey, RequestHash = hash, StatusCode = 0, CreatedAt = now });
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException)
        {
            // Another request with this key got there first.
            db.ChangeTracker.Clear();
            return await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Key == recordKey);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static IResult Replay(IdempotencyRecord record, string hash)
    {
        if (record.RequestHash != hash)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused", "This Idempotency-Key was already used with a different request.");
        }

        if (record.StatusCode == 0)
        {
            return Problems.Result(StatusCodes.Status409Conflict, "idempotent_request_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.");
        }

        return new StoredResult(record.StatusCode, record.ResponseBody, record.ContentType);
    }

    internal static Task ReleaseAsync(AppDbContext db, string recordKey) => db.IdempotencyRecords.Where(r => r.Key == recordKey).ExecuteDeleteAsync();

    internal static async Task StoreAsync(AppDbContext db, string key, int status, string body, string contentType)
    {
        await db.IdempotencyRecords.Where(r => r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, status)
            .SetProperty(r => r.ResponseBody, body)
            .SetProperty(r => r.ContentType, contentType));
    }

    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        request.Body.Position = 0;
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n{body}"));
        return Convert.ToHexString(bytes);
    }

    private static JsonSerializerOptions JsonOptions(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    private sealed class StoredResult(int status, string body, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers["Idempotent-Replayed"] = "true";
            if (body.Length > 0)
            {
                httpContext.Response.ContentType = contentType;
                await httpContext.Response.WriteAsync(body);
            }
        }
    }
}

public static class IdempotencyExtensions
{
    /// <summary>Marks a POST as idempotent under the Idempotency-Key header.</summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) => builder.AddEndpointFilter<IdempotencyFilter>();

    /// <summary>Lets the filter read the body again after model binding has consumed it.</summary>
    public static IApplicationBuilder UseIdempotencyBuffering(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Headers.ContainsKey(IdempotencyFilter.Header))
        {
            context.Request.EnableBuffering();
        }

        return next(context);
    });
}
