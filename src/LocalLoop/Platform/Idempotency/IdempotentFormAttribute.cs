using System.Security.Cryptography;
using System.Text;
using LocalLoop.Platform.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LocalLoop.Platform.Idempotency;

/// <summary>
/// The idempotency of <see cref="IdempotencyFilter"/> for a Razor page's form posts (decision 0023): the form carries a
/// key made when it was rendered (<see cref="FormField"/>, or the <c>Idempotency-Key</c> header), the first post claims
/// it, and a repeat of the same form (double submit, back and submit again, a retried request) is sent where the first
/// post went instead of doing the work again. A repeat that arrives while the first is still working waits for it.
/// Only redirects are remembered: a post that re-renders the page (bad input, a refusal) frees the key, so the
/// corrected form can be sent again.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class IdempotentFormAttribute : Attribute, IAsyncPageFilter
{
    public const string FormField = "__IdempotencyKey";

    private const string RedirectContentType = "redirect";
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var key = HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
            ? http.Request.Form[FormField].ToString() is { Length: > 0 } field ? field : http.Request.Headers[IdempotencyFilter.Header].ToString()
            : "";
        if (key.Length is 0 or > 100)
        {
            await next();
            return;
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var recordKey = IdempotencyFilter.RecordKey(http, key);
        var hash = FormHash(http.Request, services);
        if (await IdempotencyFilter.ClaimAsync(db, recordKey, hash, clock.GetUtcNow()) is { } first)
        {
            context.Result = await ReplayAsync(db, first, recordKey, hash, http.RequestAborted);
            return;
        }

        PageHandlerExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch
        {
            await IdempotencyFilter.ReleaseAsync(db, recordKey);
            throw;
        }

        var location = executed.Exception is null ? executed.Result switch
        {
            RedirectResult redirect => redirect.Url,
            LocalRedirectResult local => local.Url,
            _ => null,
        } : null;
        if (location is null)
        {
            await IdempotencyFilter.ReleaseAsync(db, recordKey);
        }
        else
        {
            await IdempotencyFilter.StoreAsync(db, recordKey, StatusCodes.Status302Found, location, RedirectContentType);
        }
    }

    private static async Task<IActionResult> ReplayAsync(AppDbContext db, IdempotencyRecord first, string recordKey, string hash, CancellationToken cancellationToken)
    {
        if (first.RequestHash != hash)
        {
            return new StatusCodeResult(StatusCodes.Status422UnprocessableEntity);
        }

        // Real time, not the app's clock: this only paces the polling of a request running now.
        var deadline = DateTime.UtcNow + WaitForFirst;
        var record = first;
        while (record is { StatusCode: 0 } && DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollEvery, cancellationToken);
            record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Key == recordKey, cancellationToken);
        }

        return record is { ContentType: RedirectContentType } done
            ? new RedirectResult(done.ResponseBody) { PreserveMethod = false }
            // Still working, or the first post re-rendered its form and freed the key: the consumer looks again.
            : new StatusCodeResult(StatusCodes.Status409Conflict);
    }

    /// <summary>The form's fields in order, without the antiforgery token, which is not part of what was asked.</summary>
    private static string FormHash(HttpRequest request, IServiceProvider services)
    {
        var tokenField = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        var text = new StringBuilder($"POST {request.Path}{request.QueryString}\n");
        foreach (var (name, values) in request.Form.Where(f => f.Key != tokenField).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').AppendJoin(',', values.ToArray()).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
