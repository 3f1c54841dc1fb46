using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EdgeAspire.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// A strict parser of the Prometheus text format 0.0.4, written for the tests: it throws on anything a Prometheus
/// server would reject or that breaks the format's rules (a sample before its family's <c># TYPE</c>, a family typed
/// twice, a repeated series, a histogram whose buckets are not cumulative or whose <c>+Inf</c> is not <c>_count</c>).
/// </summary>
internal sealed partial class PrometheusText
{
    private static readonly string[] s_types = ["counter", "gauge", "histogram", "summary", "untyped"];
    private static readonly string[] s_histogramSuffixes = ["_bucket", "_sum", "_count"];

    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _help = new(StringComparer.Ordinal);
    private readonly List<Sample> _samples = [];

    private PrometheusText()
    {
    }

    public IReadOnlyDictionary<string, string> Types => _types;

    public IReadOnlyDictionary<string, string> Help => _help;

    public IReadOnlyList<Sample> Samples => _samples;

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n')[..^1])
        {
            if (line.StartsWith('#'))
            {
                parsed.ParseComment(line);
                continue;
            }

            var sample = ParseSample(line);
            var family = parsed.FamilyOf(sample.Name)
                ?? throw new FormatException($"Sample before (or without) its # TYPE: {line}");
            if (!seen.Add(sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal)) + "}"))
            {
                throw new FormatException($"Repeated series: {line}");
            }

            parsed._samples.Add(sample with { Family = family });
        }

        parsed.CheckHistograms();
        return parsed;
    }

    /// <summary>The one sample with this name whose labels include <paramref name="labels"/>.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        _samples.Single(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Value;

    public IEnumerable<Sample> Family(string family) => _samples.Where(s => s.Family == family);

    private void ParseComment(string line)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3 || parts[0] != "#" || parts[1] is not ("HELP" or "TYPE"))
        {
            return; // a plain comment
        }

        var name = parts[2];
        RequireMetricName(name, line);
        if (_samples.Any(s => s.Family == name))
        {
            throw new FormatException($"{parts[1]} after the family's samples: {line}");
        }

        if (parts[1] == "TYPE")
        {
            if (parts.Length != 4 || !s_types.Contains(parts[3]) || !_types.TryAdd(name, parts[3]))
            {
                throw new FormatException($"Invalid or repeated # TYPE: {line}");
            }
        }
        else if (!_help.TryAdd(name, parts.Length == 4 ? Unescape(parts[3], allowQuote: false) : ""))
        {
            throw new FormatException($"Repeated # HELP: {line}");
        }
    }

    private string? FamilyOf(string sampleName)
    {
        if (_types.ContainsKey(sampleName))
        {
            return sampleName;
        }

        var suffix = s_histogramSuffixes.FirstOrDefault(s => sampleName.EndsWith(s, StringComparison.Ordinal));
        var family = suffix is null ? null : sampleName[..^suffix.Length];
        return family is not null && _types.TryGetValue(family, out var type) && type == "histogram" ? family : null;
    }

    private static Sample ParseSample(string line)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"Not a sample line: {line}");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = match.Groups["labels"].Value;
        while (rest.Length > 0)
        {
            var label = LabelPair().Match(rest);
            if (!label.Success || !labels.TryAdd(label.Groups["name"].Value, Unescape(label.Groups["value"].Value, allowQuote: true)))
            {
                throw new FormatException($"Invalid or repeated label in: {line}");
            }

            rest = rest[label.Length..];
            if (rest.Length > 0 && !rest.StartsWith(','))
            {
                throw new FormatException($"Labels not separated by commas: {line}");
            }

            rest = rest.TrimStart(',');
        }

        return new Sample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value, line), "");
    }

    private void CheckHistograms()
    {
        foreach (var family in _types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var buckets = _samples.Where(s => s.Name == family + "_bucket").GroupBy(s => SeriesKey(s, "le"));
            foreach (var series in buckets)
            {
                var ordered = series.Select(s => (Le: ParseValue(s.Labels["le"], s.Name), s.Value)).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    if (ordered[i].Le <= ordered[i - 1].Le || ordered[i].Value < ordered[i - 1].Value)
                    {
                        throw new FormatException($"{family}{{{series.Key}}}: buckets not increasing and cumulative");
                    }
                }

                var count = _samples.Single(s => s.Name == family + "_count" && SeriesKey(s, null) == series.Key).Value;
                _ = _samples.Single(s => s.Name == family + "_sum" && SeriesKey(s, null) == series.Key);
                if (!double.IsPositiveInfinity(ordered[^1].Le) || !ordered[^1].Value.Equals(count))
                {
                    throw new FormatException($"{family}{{{series.Key}}}: the +Inf bucket must be last and equal _count");
                }
            }
        }
    }

    private static string SeriesKey(Sample sample, string? except) =>
        string.Join(",", sample.Labels.Where(l => l.Key != except).OrderBy(l => l.Key, StringComparer.Ordinal));

    private static double ParseValue(string text, string line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Invalid value '{text}' in: {line}"),
    };

    private static void RequireMetricName(string name, string line)
    {
        if (!MetricName().IsMatch(name))
        {
            throw new FormatException($"Invalid metric name in: {line}");
        }
    }

    private static string Unescape(string text, bool allowQuote)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }

            var next = ++i < text.Length ? text[i] : throw new FormatException($"Dangling escape in: {text}");
            result.Append(next switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when allowQuote => '"',
                _ => throw new FormatException($"Invalid escape \\{next} in: {text}"),
            });
        }

        return result.ToString();
    }

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^\n]*)\})? (?<value>\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\\n]|\\.)*)""")]
    private static partial Regex LabelPair();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, string Family);
}
