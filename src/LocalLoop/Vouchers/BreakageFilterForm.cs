using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LocalLoop.Vouchers;

/// <summary>The date-range filter both report pages share: what was typed, and the report once the range is valid.</summary>
public sealed class BreakageFilterForm
{
    public string? From { get; private set; }

    public string? To { get; private set; }

    public BreakageReportView? Report { get; private set; }

    public async Task LoadAsync(ModelStateDictionary modelState, BreakageReport report, string? from, string? to, Guid? merchantId)
    {
        (From, To) = (from, to);
        try
        {
            var (start, end) = report.Range(from, to);
            (From, To) = (Day(start), Day(end));
            Report = await report.BuildAsync(start, end, merchantId);
        }
        catch (DomainException refused)
        {
            PageErrors.AddTo(modelState, refused, prefix: "Filter");
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
