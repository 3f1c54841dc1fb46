using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>The counts a run is judged by, and every finding with the variant that caused it (its number makes it
/// again with <c>--only</c>).</summary>
internal sealed class FuzzReport(int seed)
{
    // Enough findings to see every class; a run that finds more has one class many times over.
    private const int MaxFindings = 500;

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public int Seed { get; } = seed;

    public int Variants { get; private set; }

    public int Served { get; private set; }

    public SortedDictionary<string, int> RefusedByCode { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> BySeed { get; } = new(StringComparer.Ordinal);

    public int Deaths => Failures.GetValueOrDefault("death");

    public int Hangs => Failures.GetValueOrDefault("hang");

    public int ServerErrors => Failures.Where(f => f.Key.StartsWith('5')).Sum(f => f.Value);

    /// <summary>Refusal messages with their numbers, quoted values and paths blanked, to show which checks do the work.</summary>
    public SortedDictionary<string, int> RefusalReasons { get; } = new(StringComparer.Ordinal);

    /// <summary>Files that killed or hung the admission probe: crashes the managed checks missed.</summary>
    public int CaughtByProbe => CountReasons("ended a probe process", "a probe process was stopped");

    /// <summary>Files llama.cpp itself refused to load, without crashing.</summary>
    public int RefusedByLlama => CountReasons("could not load");

    public List<FuzzFinding> Findings { get; } = [];

    public TimeSpan Elapsed { get; set; }

    public bool Passed => Failures.Count == 0;

    public void Add(GgufVariant variant, FuzzOutcome outcome)
    {
        Variants++;
        BySeed[variant.Seed] = BySeed.GetValueOrDefault(variant.Seed) + 1;
        switch (outcome.Verdict)
        {
            case FuzzVerdict.Served:
                Served++;
                break;
            case FuzzVerdict.Refused:
                RefusedByCode[outcome.Class] = RefusedByCode.GetValueOrDefault(outcome.Class) + 1;
                var reason = Reason(outcome.Detail);
                RefusalReasons[reason] = RefusalReasons.GetValueOrDefault(reason) + 1;
                break;
            default:
                Failures[outcome.Class] = Failures.GetValueOrDefault(outcome.Class) + 1;
                if (Findings.Count < MaxFindings)
                {
                    Findings.Add(new FuzzFinding(variant.Index, variant.Seed, outcome.Class, outcome.Detail, variant.Mutations));
                }
                break;
        }
    }

    public string Summary() =>
        $"{Served} served, {RefusedByCode.Values.Sum()} refused (4xx), {ServerErrors} 5xx, {Deaths} deaths, {Hangs} hangs, {Failures.Values.Sum()} findings in all";

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"GGUF fuzz run, seed {Seed}: {Variants} variants in {Elapsed:hh\\:mm\\:ss} ({string.Join(", ", BySeed.Select(s => $"{s.Value} of {s.Key}"))})");
        text.AppendLine($"  served (200)        {Served,7}");
        text.AppendLine($"  refused (4xx)       {RefusedByCode.Values.Sum(),7}");
        foreach (var (code, count) in RefusedByCode)
        {
            text.AppendLine($"    {code,-18}{count,7}");
        }
        text.AppendLine($"    of which llama.cpp refused to load {RefusedByLlama}; the admission probe caught {CaughtByProbe} crashes or hangs");
        text.AppendLine($"  5xx                 {ServerErrors,7}");
        text.AppendLine($"  process deaths      {Deaths,7}");
        text.AppendLine($"  hangs               {Hangs,7}");
        foreach (var (failure, count) in Failures.Where(f => f.Key is not ("death" or "hang") && !f.Key.StartsWith('5')))
        {
            text.AppendLine($"  {failure,-20}{count,7}");
        }
        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        Seed,
        Variants,
        Served,
        Refused = RefusedByCode.Values.Sum(),
        RefusedByCode,
        ServerErrors,
        Deaths,
        Hangs,
        Failures,
        CaughtByProbe,
        RefusedByLlama,
        BySeed,
        Seconds = Math.Round(Elapsed.TotalSeconds, 1),
        Findings,
        RefusalReasons = RefusalReasons.OrderByDescending(r => r.Value).ToDictionary(),
    }, s_json);

    private int CountReasons(params string[] phrases) =>
        RefusalReasons.Where(r => phrases.Any(p => r.Key.Contains(p, StringComparison.Ordinal))).Sum(r => r.Value);

    private static string Reason(string? message)
    {
        var text = Regex.Replace(message ?? "", "^The model '[^']*' cannot be served: its file is invalid: ", "");
        text = Regex.Replace(text, "/\\S+\\.gguf|'[^']*'|\"[^\"]*\"|-?\\d+(\\.\\d+)?(E[-+]?\\d+)?", "_");
        return text.Length > 240 ? text[..240] : text;
    }
}
