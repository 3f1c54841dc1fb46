using System.CommandLine;
using System.Globalization;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>The common options as parsed, the models they name, and the settings a run records.</summary>
internal sealed record CommandSettings
{
    public required IReadOnlyList<ModelTarget> Models { get; init; }

    public string? ApiKey { get; init; }

    public string? MetricsUrl { get; init; }

    public required string Dataset { get; init; }

    public string? DatasetUrl { get; init; }

    public string? HubEndpoint { get; init; }

    public required string Cache { get; init; }

    public int? Limit { get; init; }

    public long Seed { get; init; }

    public required string Out { get; init; }

    public string? Resume { get; init; }

    public int ContextSize { get; init; }

    public int Threads { get; init; }

    public int TimeoutSeconds { get; init; }

    /// <summary>Generate past end-of-generation tokens (llama-server's <c>ignore_eos</c>): load runs on synthetic
    /// models need every request to produce its full length.</summary>
    public bool IgnoreEos { get; init; }

    public static CommandSettings Read(ParseResult parse, CommonOptions options, bool allowMany = false, bool needModel = true)
    {
        var endpoint = parse.GetValue(options.Endpoint);
        var ids = parse.GetValue(options.Model) ?? [];
        var files = parse.GetValue(options.ModelFile) ?? [];
        List<ModelTarget> models = [.. ids.Select(id => new ModelTarget(endpoint, id, null)), .. files.Select(f => new ModelTarget(null, null, Path.GetFullPath(f)))];
        if (ids.Length > 0 && endpoint is null)
        {
            throw new UsageException("--model needs --endpoint (or use --model-file PATH to run a GGUF file in-process)");
        }
        if (endpoint is not null && ids.Length == 0)
        {
            throw new UsageException("--endpoint needs --model ID");
        }
        if (needModel && models.Count == 0)
        {
            throw new UsageException("give --endpoint URL --model ID, or --model-file PATH");
        }
        if (!allowMany && models.Count > 1)
        {
            throw new UsageException("one model per run here; use 'sweep' for several");
        }
        var limit = parse.GetValue(options.Limit);
        if (limit is <= 0)
        {
            throw new UsageException($"--limit must be at least 1, got {limit}");
        }
        return new CommandSettings
        {
            Models = models,
            ApiKey = parse.GetValue(options.ApiKey) ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY"),
            MetricsUrl = parse.GetValue(options.MetricsUrl),
            Dataset = parse.GetValue(options.Dataset)!,
            DatasetUrl = parse.GetValue(options.DatasetUrl),
            HubEndpoint = parse.GetValue(options.HubEndpoint),
            Cache = parse.GetValue(options.Cache) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeaspire", "datasets"),
            Limit = limit,
            Seed = parse.GetValue(options.Seed),
            Out = parse.GetValue(options.Out)!,
            Resume = parse.GetValue(options.Resume),
            ContextSize = parse.GetValue(options.ContextSize),
            Threads = parse.GetValue(options.Threads),
            TimeoutSeconds = parse.GetValue(options.Timeout),
        };
    }

    /// <summary>What a run must keep the same to be resumed (not where it is written, keys, or timeouts).</summary>
    public Dictionary<string, string> Recorded()
    {
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["models"] = string.Join(";", Models.Select(m => m.File ?? $"{m.Endpoint}#{m.ModelId}")),
            ["dataset"] = Dataset == "hub" ? $"hub:{DatasetUrl ?? HubEndpoint ?? "default"}" : Path.GetFullPath(Dataset),
            ["limit"] = Limit?.ToString(CultureInfo.InvariantCulture) ?? "all",
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        };
        if (Models.Any(m => m.File is not null))
        {
            recorded["ctx"] = ContextSize.ToString(CultureInfo.InvariantCulture);
            recorded["threads"] = Threads.ToString(CultureInfo.InvariantCulture);
        }
        return recorded;
    }
}
