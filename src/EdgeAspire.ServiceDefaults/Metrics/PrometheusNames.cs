using System.Globalization;
using System.Text;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// OpenTelemetry instrument names, units and tags as Prometheus metric and label names, after the specification's
/// Prometheus compatibility rules (https://opentelemetry.io/docs/specs/otel/compatibility/prometheus_and_openmetrics/):
/// invalid characters become <c>_</c>, the unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> →
/// <c>_bytes</c>, <c>{request}</c> → none), monotonic counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> s_units = new(StringComparer.Ordinal)
    {
        ["d"] = "days", ["h"] = "hours", ["min"] = "minutes", ["s"] = "seconds",
        ["ms"] = "milliseconds", ["us"] = "microseconds", ["ns"] = "nanoseconds",
        ["By"] = "bytes", ["KiBy"] = "kibibytes", ["MiBy"] = "mebibytes", ["GiBy"] = "gibibytes", ["TiBy"] = "tebibytes",
        ["KBy"] = "kilobytes", ["MBy"] = "megabytes", ["GBy"] = "gigabytes", ["TBy"] = "terabytes",
        ["m"] = "meters", ["V"] = "volts", ["A"] = "amperes", ["J"] = "joules", ["W"] = "watts", ["g"] = "grams",
        ["Cel"] = "celsius", ["Hz"] = "hertz", ["%"] = "percent",
    };

    private static readonly Dictionary<string, string> s_perUnits = new(StringComparer.Ordinal)
    {
        ["s"] = "second", ["min"] = "minute", ["h"] = "hour", ["d"] = "day", ["w"] = "week", ["mo"] = "month", ["y"] = "year",
    };

    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName, allowColon: true, collapse: true);
        if (kind == MetricKind.Counter && name.EndsWith("_total", StringComparison.Ordinal))
        {
            name = name[..^"_total".Length];
        }

        var suffix = UnitSuffix(unit, kind);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        return kind == MetricKind.Counter ? name + "_total" : name;
    }

    public static string LabelName(string tagKey)
    {
        var name = Sanitize(tagKey, allowColon: false, collapse: false);

        // Names starting with "__" are reserved for Prometheus' own use.
        return name.StartsWith("__", StringComparison.Ordinal) ? "key" + name : name;
    }

    public static string LabelValue(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static void AppendEscapedLabelValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }
    }

    public static string EscapeHelp(string help) => help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    public static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string UnitSuffix(string? unit, MetricKind kind)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return "";
        }

        // "1" is a dimensionless ratio; the specification spells it out on gauges only.
        if (unit == "1")
        {
            return kind == MetricKind.Gauge ? "ratio" : "";
        }

        var withoutAnnotations = WithoutAnnotations(unit);
        var slash = withoutAnnotations.IndexOf('/', StringComparison.Ordinal);
        var main = slash < 0 ? withoutAnnotations : withoutAnnotations[..slash];
        var per = slash < 0 ? "" : withoutAnnotations[(slash + 1)..];
        var suffix = main.Length == 0 ? "" : s_units.GetValueOrDefault(main) ?? main;
        if (per.Length > 0)
        {
            var perSuffix = "per_" + (s_perUnits.GetValueOrDefault(per) ?? per);
            suffix = suffix.Length == 0 ? perSuffix : suffix + "_" + perSuffix;
        }

        return Sanitize(suffix, allowColon: false, collapse: true).Trim('_');
    }

    private static string WithoutAnnotations(string unit)
    {
        var result = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            depth += c == '{' ? 1 : 0;
            if (depth == 0)
            {
                result.Append(c);
            }

            depth -= c == '}' && depth > 0 ? 1 : 0;
        }

        return result.ToString();
    }

    private static string Sanitize(string name, bool allowColon, bool collapse)
    {
        var result = new StringBuilder(name.Length + 1);
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
        {
            result.Append('_');
        }

        foreach (var c in name)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':');
            var next = valid ? c : '_';
            if (collapse && next == '_' && result.Length > 0 && result[^1] == '_')
            {
                continue;
            }

            result.Append(next);
        }

        return result.Length == 0 ? "_" : result.ToString();
    }
}
