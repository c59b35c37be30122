using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace LocalLoop.Ui;

/// <summary>One bar: its axis label, its value and (optionally) how the value reads in the bar's tooltip.</summary>
public sealed record BarPoint(string Label, double Value, string? ValueText = null);

/// <summary>One stacked bar: its label and one value per series, bottom to top.</summary>
public sealed record StackedBarPoint(string Label, IReadOnlyList<double> Values);

/// <summary>A series of a stacked chart: its name (for tooltips and the legend) and its bar class (<c>bar</c>, <c>bar-alt</c>, <c>bar-success</c>, ...).</summary>
public sealed record BarSeries(string Name, string CssClass);

/// <summary>
/// Draws a bar chart as inline SVG on the server: no script, scales with its container, readable by screen
/// readers (a title and a description that lists every value). Style it with the design system's
/// <c>.chart</c> classes by placing it inside <c>&lt;figure class="chart"&gt;</c>.
/// </summary>
public static class BarChart
{
    private const double Width = 960;
    private const double Height = 280;
    private const double Left = 64;
    private const double Right = 12;
    private const double Top = 16;
    private const double Bottom = 36;
    private const int TickCount = 4;

    /// <param name="points">The bars, left to right.</param>
    /// <param name="title">The chart's accessible name (also its hover title).</param>
    /// <param name="formatValue">Formats an axis tick and, when a point has no <see cref="BarPoint.ValueText"/>, a bar's value.</param>
    /// <param name="wholeNumbers">Counts: never put a tick between two whole numbers.</param>
    public static HtmlString Render(IReadOnlyList<BarPoint> points, string title, Func<double, string>? formatValue = null, bool wholeNumbers = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        var format = formatValue ?? (v => v.ToString("#,0.##", CultureInfo.InvariantCulture));
        var (step, top) = Scale(points.Count == 0 ? 0 : points.Max(p => p.Value), wholeNumbers);
        var id = "chart-" + Guid.NewGuid().ToString("N")[..8];
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double value) => Top + plotHeight - (Math.Max(0, value) / top * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        var description = string.Join("; ", points.Select(p => $"{p.Label}: {p.ValueText ?? format(p.Value)}"));
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode(description)}</desc>");

        // Value axis: gridlines with their labels.
        AppendValueAxis(svg, step, Y, format);

        // Bars with their category labels; every other label is dropped when there are too many to fit.
        if (points.Count > 0)
        {
            var slot = plotWidth / points.Count;
            var barWidth = Math.Max(2, slot * 0.62);
            var labelEvery = slot < 34 ? 2 : 1;
            for (var i = 0; i < points.Count; i++)
            {
                var point = points[i];
                var x = Left + (slot * i) + ((slot - barWidth) / 2);
                var y = Y(point.Value);
                var height = Top + plotHeight - y;
                var tooltip = $"{point.Label}: {point.ValueText ?? format(point.Value)}";
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"bar\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(barWidth)}\" height=\"{N(height)}\" rx=\"2\"><title>{Encode(tooltip)}</title></rect>");
                if (i % labelEvery == 0 || i == points.Count - 1)
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<text x=\"{N(Left + (slot * i) + (slot / 2))}\" y=\"{N(Height - Bottom + 18)}\" text-anchor=\"middle\" aria-hidden=\"true\">{Encode(point.Label)}</text>");
                }
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>
    /// Stacked bars: each bar is split into its series' values, bottom to top, each segment with its own tooltip. The
    /// page shows the legend (the series' names with their colours) next to the chart.
    /// </summary>
    public static HtmlString RenderStacked(IReadOnlyList<StackedBarPoint> points, IReadOnlyList<BarSeries> series, string title, bool wholeNumbers = true)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(series);
        string Format(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);
        var (step, top) = Scale(points.Count == 0 ? 0 : points.Max(p => p.Values.Sum()), wholeNumbers);
        var id = "chart-" + Guid.NewGuid().ToString("N")[..8];
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double value) => Top + plotHeight - (Math.Max(0, value) / top * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        var description = string.Join("; ", points.Select(p =>
            $"{p.Label}: " + string.Join(", ", series.Select((s, i) => $"{s.Name} {Format(i < p.Values.Count ? p.Values[i] : 0)}"))));
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-desc\">{Encode(description)}</desc>");
        AppendValueAxis(svg, step, Y, Format);

        if (points.Count > 0)
        {
            var slot = plotWidth / points.Count;
            var barWidth = Math.Max(2, Math.Min(slot * 0.62, 120));
            for (var i = 0; i < points.Count; i++)
            {
                var point = points[i];
                var x = Left + (slot * i) + ((slot - barWidth) / 2);
                var below = 0.0;
                for (var s = 0; s < series.Count && s < point.Values.Count; s++)
                {
                    var value = point.Values[s];
                    if (value <= 0)
                    {
                        continue;
                    }

                    var y = Y(below + value);
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"{Encode(series[s].CssClass)}\" x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(barWidth)}\" height=\"{N(Y(below) - y)}\"><title>{Encode($"{point.Label} — {series[s].Name}: {Format(value)}")}</title></rect>");
                    below += value;
                }

                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{N(Left + (slot * i) + (slot / 2))}\" y=\"{N(Height - Bottom + 18)}\" text-anchor=\"middle\" aria-hidden=\"true\">{Encode(Shorten(point.Label, slot))}</text>");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static void AppendValueAxis(StringBuilder svg, double step, Func<double, double> y, Func<double, string> format)
    {
        for (var i = 0; i <= TickCount; i++)
        {
            var value = step * i;
            svg.Append(CultureInfo.InvariantCulture,
                $"<line class=\"{(i == 0 ? "axis" : "gridline")}\" x1=\"{N(Left)}\" y1=\"{N(y(value))}\" x2=\"{N(Width - Right)}\" y2=\"{N(y(value))}\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{N(Left - 8)}\" y=\"{N(y(value) + 4)}\" text-anchor=\"end\" aria-hidden=\"true\">{Encode(format(value))}</text>");
        }
    }

    /// <summary>Cuts a category label to what fits under its bar (about 7 SVG units per character); the tooltip keeps the whole.</summary>
    private static string Shorten(string label, double slot)
    {
        var fits = Math.Max(3, (int)(slot / 13));
        return label.Length <= fits ? label : label[..(fits - 1)] + "…";
    }

    /// <summary>A "nice" tick step (1, 2, 2.5 or 5 times a power of ten) and the axis maximum it gives.</summary>
    internal static (double Step, double Top) Scale(double max, bool wholeNumbers)
    {
        if (max <= 0 || double.IsNaN(max) || double.IsInfinity(max))
        {
            return (1, TickCount);
        }

        var raw = max / TickCount;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalised = raw / magnitude;
        var step = (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 2.5 ? 2.5 : normalised <= 5 ? 5 : 10) * magnitude;
        if (wholeNumbers)
        {
            step = Math.Max(1, Math.Ceiling(step));
        }

        return (step, step * TickCount);
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
