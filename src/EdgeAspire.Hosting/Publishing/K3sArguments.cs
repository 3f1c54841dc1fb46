namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// The K3s publish settings: <c>publish k3s [--output DIR] [--node-memory SIZE] [--namespace NS] [--registry R]
/// [--tag T]</c> on the AppHost's command line, or the <c>K3s:*</c> configuration keys (what the Aspire CLI's
/// <c>aspire publish</c> sees). Anything unknown is refused in one line.
/// </summary>
public sealed class K3sArguments
{
    public const long DefaultNodeMemory = 8L << 30;
    public const string ConfigurationSection = "K3s";

    public string OutputPath { get; private init; } = Path.Combine("deploy", "k3s");

    public long NodeMemoryBytes { get; private init; } = DefaultNodeMemory;

    public string Namespace { get; private init; } = "edgeaspire";

    /// <summary>Prefix of image names: <c>{Registry}/{image}:{Tag}</c>.</summary>
    public string Registry { get; private init; } = "ghcr.io/edgeaspire";

    public string Tag { get; private init; } = "latest";

    /// <summary>The options after <c>publish k3s</c> as configuration keys (<c>K3s:NodeMemory</c> …).</summary>
    public static Dictionary<string, string?> ParseOptions(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var key = args[i] switch
            {
                "--output" => "Output",
                "--namespace" => "Namespace",
                "--registry" => "Registry",
                "--tag" => "Tag",
                "--node-memory" => "NodeMemory",
                var other => throw new AppHostUsageException($"publish k3s: unknown option '{other}' (--output DIR, --node-memory 8GiB, --namespace, --registry, --tag)"),
            };
            settings[$"{ConfigurationSection}:{key}"] = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new AppHostUsageException($"{args[i]} needs a value");
        }
        // Refused here, before Aspire starts, so that a typo costs one line and not a pipeline run.
        _ = FromSettings(settings, outputPath: null);
        return settings;
    }

    /// <param name="outputPath">The pipeline's output folder; null = <c>K3s:Output</c>, else deploy/k3s.</param>
    public static K3sArguments FromSettings(IReadOnlyDictionary<string, string?> settings, string? outputPath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        string? Get(string key) => settings.TryGetValue($"{ConfigurationSection}:{key}", out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        var nodeMemory = Get("NodeMemory") is { } size
            ? ByteSize.TryParse(size, out var bytes) ? bytes : throw new AppHostUsageException($"--node-memory {size}: expected a size such as 8GiB or 16Gi")
            : DefaultNodeMemory;
        var ns = Get("Namespace") ?? "edgeaspire";
        return new K3sArguments
        {
            OutputPath = outputPath ?? Get("Output") ?? Path.Combine("deploy", "k3s"),
            NodeMemoryBytes = nodeMemory,
            Namespace = ResourceNames.IsValid(ns) ? ns : throw new AppHostUsageException($"--namespace {ns}: must be a DNS label (lower-case letters, digits, '-')"),
            Registry = (Get("Registry") ?? "ghcr.io/edgeaspire").TrimEnd('/'),
            Tag = Get("Tag") ?? "latest",
        };
    }
}
