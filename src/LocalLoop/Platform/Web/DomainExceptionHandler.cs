using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LocalLoop.Platform.Web;

/// <summary>Turns refused requests into problem details: a status, a readable message (English and Chinese) and a stable code.</summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, message) = exception switch
        {
            DomainException domain => (domain.Status, domain.Code, domain.Message),
            BadHttpRequestException bad => (StatusCodes.Status400BadRequest, "bad_request", bad.Message),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        if (exception is Vouchers.RateLimitedException limited)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = exception is DomainException refusal ? Problems.From(refusal) : Problems.Create(status, code, message);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

public static class Problems
{
    public static ProblemDetails Create(int status, string code, string message)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            Detail = message,
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>
    /// A refusal as problem details: <c>detail</c> and <c>errors</c> in English, and the same in Chinese as the
    /// <c>detailZh</c> and <c>errorsZh</c> extensions, so a Chinese client can show them.
    /// </summary>
    public static ProblemDetails From(DomainException refusal)
    {
        var problem = Create(refusal.Status, refusal.Code, refusal.Message);
        problem.Extensions["detailZh"] = refusal.Chinese;
        if (refusal is ValidationException validation)
        {
            problem.Extensions["errors"] = validation.Errors;
            problem.Extensions["errorsZh"] = validation.ChineseErrors;
        }

        if (refusal is Vouchers.VoucherRefusedException voucher)
        {
            problem.Extensions["dealTitle"] = voucher.DealTitle;
        }

        if (refusal is Vouchers.BatchRefusedException batch)
        {
            problem.Extensions["items"] = batch.Items;
        }

        return problem;
    }

    public static IResult Result(int status, string code, string message) =>
        TypedResults.Problem(Create(status, code, message));

    /// <summary>A refusal a person reads, with its Chinese as <c>detailZh</c>, like <see cref="From"/>.</summary>
    public static IResult Result(int status, string code, string message, string chinese)
    {
        var problem = Create(status, code, message);
        problem.Extensions["detailZh"] = chinese;
        return TypedResults.Problem(problem);
    }
}
