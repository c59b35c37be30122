using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.HostedOperation;

public sealed record AuditEntryView(Guid Id, Guid AgentUserId, string AgentName, Guid GrantId, string Method, string Path, int StatusCode, DateTimeOffset At, string Summary);

/// <summary>The owner's record of what agents did: one row per state-changing request, refused ones included.</summary>
public static class HostingAudit
{
    public const int ListLimit = 200;

    /// <summary>Runs the request and writes its audit row afterwards, with the status the caller saw.</summary>
    public static async Task RecordAsync(HttpContext context, RequestDelegate next, Guid merchantId, Guid agentUserId, Guid grantId)
    {
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (DomainException refusal)
        {
            // The exception handler further out turns this into the problem response the agent receives.
            status = refusal.Status;
            throw;
        }
        finally
        {
            // A fresh scope: the request's own context may hold a failed unit of work.
            await using var scope = context.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var request = context.Request;
            db.HostingAuditEntries.Add(new HostingAuditEntry
            {
                Id = Guid.CreateVersion7(),
                MerchantId = merchantId,
                AgentUserId = agentUserId,
                GrantId = grantId,
                Method = request.Method,
                Path = Truncate(request.Path + request.QueryString, 300),
                StatusCode = status,
                At = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow(),
                Summary = Truncate(Summarise(context), 300),
            });
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The endpoint's route or the page and handler, and what was created if anything.</summary>
    private static string Summarise(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var what = endpoint is RouteEndpoint route ? route.RoutePattern.RawText ?? route.DisplayName : endpoint?.DisplayName;
        var handler = context.Request.Query["handler"].ToString();
        var created = context.Response.Headers.Location.ToString();
        return $"{what ?? context.Request.GetDisplayUrl()}{(handler.Length > 0 ? $" ({handler})" : "")}{(created.Length > 0 ? $" → {created}" : "")}";
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    public static async Task<List<AuditEntryView>> OfMerchantAsync(AppDbContext db, Guid merchantId)
    {
        var rows = await db.HostingAuditEntries.AsNoTracking().Where(a => a.MerchantId == merchantId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(ListLimit).ToListAsync();
        var agentIds = rows.Select(r => r.AgentUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return rows.Select(r => new AuditEntryView(r.Id, r.AgentUserId, names.GetValueOrDefault(r.AgentUserId) ?? "", r.GrantId, r.Method, r.Path,
            r.StatusCode, r.At, r.Summary)).ToList();
    }
}
