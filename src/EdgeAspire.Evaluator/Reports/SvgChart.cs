using System.Globalization;
using System.Net;
using System.Text;

namespace EdgeAspire.Evaluator.Reports;

public sealed record Bar(string Label, double Value, double? Low = null, double? High = null);

public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points, bool Connect = false);

/// <summary>The one module that draws charts: bar charts (optionally with interval whiskers) and scatter/line charts
/// as inline SVG, no scripts, no external assets. Each chart carries <c>data-chart="id"</c>.</summary>
public static class SvgChart
{
    private const int Width = 680, Height = 320, Left = 64, Right = 16, Top = 36, Bottom = 64;
    private static readonly string[] s_palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public static string Bars(string id, string title, string unit, IReadOnlyList<Bar> bars)
    {
        var svg = Begin(id, title);
        var max = Nice(bars.Select(b => Math.Max(b.Value, b.High ?? 0)).DefaultIfEmpty(0).Max());
        Axis(svg, 0, max, unit);
        var plotWidth = Width - Left - Right;
        var slot = bars.Count == 0 ? plotWidth : plotWidth / (double)bars.Count;
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var x = Left + i * slot + slot * 0.15;
            var y = Y(b.Value, 0, max);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{slot * 0.7:0.#}\" height=\"{Height - Bottom - y:0.#}\" fill=\"{s_palette[i % s_palette.Length]}\"><title>{E(b.Label)}: {N(b.Value)} {E(unit)}</title></rect>");
            if (b.Low is { } low && b.High is { } high)
            {
                var cx = x + slot * 0.35;
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{cx:0.#},{Y(low, 0, max):0.#}V{Y(high, 0, max):0.#}M{cx - 6:0.#},{Y(low, 0, max):0.#}h12M{cx - 6:0.#},{Y(high, 0, max):0.#}h12\" stroke=\"#222\" fill=\"none\"/>");
            }
            // Above the whisker's top when there is one, so the value and the interval do not overprint.
            var labelY = Math.Min(y, b.High is { } top ? Y(top, 0, max) : y) - 4;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot * 0.35:0.#}\" y=\"{labelY:0.#}\" text-anchor=\"middle\" font-size=\"11\">{N(b.Value)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + slot * 0.35:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{E(Short(b.Label))}</text>");
        }
        return End(svg);
    }

    /// <param name="integerX">The x values are counts (turns, clients): ticks only at whole numbers.</param>
    public static string Scatter(string id, string title, string xLabel, string yLabel, IReadOnlyList<Series> series, bool integerX = false)
    {
        var svg = Begin(id, title);
        var points = series.SelectMany(s => s.Points).ToList();
        var largestX = points.Select(p => p.X).DefaultIfEmpty(1).Max();
        var xStep = integerX ? Math.Max(1, Math.Ceiling(Math.Ceiling(largestX) / 4)) : 0;
        var xMax = integerX ? xStep * Math.Ceiling(Math.Max(1, largestX) / xStep) : Nice(largestX);
        var yMax = Nice(points.Select(p => p.Y).DefaultIfEmpty(1).Max());
        Axis(svg, 0, yMax, yLabel);
        var ticks = integerX ? (int)(xMax / xStep) : 4;
        for (var i = 0; i <= ticks; i++)
        {
            var value = xMax * i / ticks;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(value, xMax):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{N(value)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (Width - Left - Right) / 2}\" y=\"{Height - Bottom + 34}\" text-anchor=\"middle\" font-size=\"12\">{E(xLabel)}</text>");
        for (var s = 0; s < series.Count; s++)
        {
            var color = s_palette[s % s_palette.Length];
            var ordered = series[s].Points.OrderBy(p => p.X).ToList();
            if (series[s].Connect && ordered.Count > 1)
            {
                svg.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" points=\"")
                    .AppendJoin(' ', ordered.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X, xMax):0.#},{Y(p.Y, 0, yMax):0.#}"))).Append("\"/>");
            }
            foreach (var (x, y) in ordered)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(x, xMax):0.#}\" cy=\"{Y(y, 0, yMax):0.#}\" r=\"3\" fill=\"{color}\" fill-opacity=\"0.7\"><title>{E(series[s].Name)}: ({N(x)}, {N(y)})</title></circle>");
            }
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right - 170}\" y=\"{Top + s * 16}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{Width - Right - 155}\" y=\"{Top + 9 + s * 16}\" font-size=\"11\">{E(Short(series[s].Name, 26))}</text>");
        }
        return End(svg);
    }

    private static StringBuilder Begin(string id, string title) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"{E(id)}\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" role=\"img\" aria-label=\"{E(title)}\">")
        .Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axis(StringBuilder svg, double min, double max, string label)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{Left},{Top}V{Height - Bottom}H{Width - Right}\" stroke=\"#444\" fill=\"none\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var value = min + (max - min) * i / 4;
            var y = Y(value, min, max);
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{Left - 4},{y:0.#}H{Width - Right}\" stroke=\"#ddd\"/><text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\">{N(value)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(14,{(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">{E(label)}</text>");
    }

    private static double Y(double value, double min, double max) => Height - Bottom - (max > min ? (value - min) / (max - min) : 0) * (Height - Top - Bottom);

    private static double X(double value, double max) => Left + (max > 0 ? value / max : 0) * (Width - Left - Right - 180);

    /// <summary>The next 1, 2 or 5 × 10^k at or above <paramref name="value"/>, so ticks are round numbers.</summary>
    private static double Nice(double value)
    {
        if (value <= 0 || !double.IsFinite(value))
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1.0, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(v => v >= value);
    }

    private static string N(double value) => Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Short(string text, int max = 18) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
