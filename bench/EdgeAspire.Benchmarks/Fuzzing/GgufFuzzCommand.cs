using System.Globalization;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>
/// <c>fuzz [--variants N] [--seed S] [--start I] [--only I] [--timeout SECONDS] [--report FILE] [--model FILE]… [--admission-probe off] [--dry-run true]</c>:
/// mutates GGUF models and drives the variants through a PromptApi process (issue #17). The seeds are the shared
/// fixtures (stories260K, llama-2-tiny-random) when present, plus small models this project writes; variant i is
/// made from (seed, i) alone. With the probe off, every crash the managed checks miss kills the server. Exits 1 when any variant killed, hung or got a 5xx (or a 4xx out of OpenAI's shape).
/// </summary>
internal static class GgufFuzzCommand
{
    private static readonly string[] s_fixtureModels = ["stories260K.gguf", "llama-2-tiny-random.gguf"];
    private static readonly GgmlType[] s_syntheticTypes = [GgmlType.F32, GgmlType.Q8_0];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var work = Directory.CreateTempSubdirectory("edgeaspire-fuzz-");
        try
        {
            var seeds = Seeds(options.GetValueOrDefault("model"), work.FullName);
            var runSeed = Number(options, "seed", 17);
            var indices = options.TryGetValue("only", out var only)
                ? only.Select(i => int.Parse(i, CultureInfo.InvariantCulture))
                : Enumerable.Range(Number(options, "start", 0), Number(options, "variants", 10_000));
            var timeout = TimeSpan.FromSeconds(Number(options, "timeout", 60));
            if (options.ContainsKey("dry-run"))
            {
                // Makes the variants without a server: checks the mutator itself, and how long making them takes.
                var bytes = indices.Sum(i => (long)GgufMutator.Create(seeds, runSeed, i).Bytes.Length);
                await Console.Out.WriteLineAsync($"made the variants: {bytes} bytes in all").ConfigureAwait(false);
                return 0;
            }
            var models = Directory.CreateDirectory(Path.Combine(work.FullName, "models")).FullName;
            // One model the server can always serve, so that it reports healthy between variants.
            File.Copy(Path.Combine(work.FullName, "synthetic-F32.gguf"), Path.Combine(models, "control.gguf"));

            await Console.Out.WriteLineAsync($"fuzzing {string.Join(", ", seeds.Select(s => s.Name))} with seed {runSeed}").ConfigureAwait(false);
            using var target = new PromptApiProcessTarget(models, probeTimeout: timeout / 2, admissionProbe: options.GetValueOrDefault("admission-probe")?.Last() != "off");
            var report = await new FuzzRunner(target, timeout, Console.Out).RunAsync(seeds, runSeed, indices, CancellationToken.None).ConfigureAwait(false);
            var reportPath = Path.GetFullPath(options.GetValueOrDefault("report")?.Last() ?? "fuzz-report.json");
            await File.WriteAllTextAsync(reportPath, report.ToJson()).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(report.ToText()).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"server restarts: {target.Restarts}; report: {reportPath}").ConfigureAwait(false);
            return report.Passed ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<GgufSeed> Seeds(List<string>? given, string work)
    {
        var paths = given ?? [.. s_fixtureModels.Select(SharedModel).OfType<string>()];
        foreach (var type in s_syntheticTypes)
        {
            var path = Path.Combine(work, $"synthetic-{type}.gguf");
            GgufWriter.Write(path, GgufPresets.Tiny, type, seed: 1);
            paths.Add(path);
        }
        return [.. paths.Select(GgufSeed.Load)];
    }

    /// <summary>A model of the shared fixtures (<c>EDGEASPIRE_FIXTURES</c>, or <c>../shared/fixtures</c> beside the
    /// folder holding EdgeAspire.sln), or null.</summary>
    private static string? SharedModel(string name)
    {
        var root = Environment.GetEnvironmentVariable("EDGEASPIRE_FIXTURES");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); root is null && dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeAspire.sln")))
            {
                root = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            }
        }
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "models", name));
        return path is not null && File.Exists(path) ? path : null;
    }

    private static Dictionary<string, List<string>> Options(string[] args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected an option, got '{args[i]}'");
            }
            var name = args[i][2..];
            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }
            values.Add(args[i + 1]);
        }
        return options;
    }

    private static int Number(Dictionary<string, List<string>> options, string name, int fallback) =>
        options.TryGetValue(name, out var values) ? int.Parse(values[^1], CultureInfo.InvariantCulture) : fallback;
}
