using System.CommandLine;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>The options every workload command takes. Scripts depend on these names: change them only with care.</summary>
internal sealed class CommonOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "OpenAI-compatible base URL, e.g. http://node:8080/v1" };

    public Option<string[]> Model { get; } = new("--model") { Description = "Model id at the endpoint (repeat for sweep)", AllowMultipleArgumentsPerToken = false };

    public Option<string[]> ModelFile { get; } = new("--model-file") { Description = "GGUF file to run in-process instead of an endpoint (repeat for sweep)" };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "Bearer key for the endpoint (default: $OPENAI_API_KEY)" };

    public Option<string?> MetricsUrl { get; } = new("--metrics-url") { Description = "Prometheus text of the server (default: <endpoint host>/metrics)" };

    public Option<string> Dataset { get; } = new("--dataset") { Description = "Local .jsonl/.jsonl.gz/.zip file, or 'hub' to download", DefaultValueFactory = _ => "hub" };

    public Option<string?> DatasetUrl { get; } = new("--dataset-url") { Description = "Full URL of the dataset file when --dataset hub (overrides the default Hub path)" };

    public Option<string?> HubEndpoint { get; } = new("--hub-endpoint") { Description = "Hugging Face endpoint or mirror (default: $HF_ENDPOINT or https://huggingface.co)" };

    public Option<string?> Cache { get; } = new("--cache") { Description = "Download cache (default: ~/.cache/edgeaspire/datasets)" };

    public Option<int?> Limit { get; } = new("--limit") { Description = "Use only the first N items" };

    public Option<long> Seed { get; } = new("--seed") { Description = "Seed for selection and sampling", DefaultValueFactory = _ => 42 };

    public Option<string> Out { get; } = new("--out") { Description = "Folder of runs", DefaultValueFactory = _ => "runs" };

    public Option<string?> Resume { get; } = new("--resume") { Description = "Continue the run with this id" };

    public Option<int> ContextSize { get; } = new("--ctx") { Description = "In-process: KV cache tokens per sequence", DefaultValueFactory = _ => 4096 };

    public Option<int> Threads { get; } = new("--threads") { Description = "In-process: threads (0 = all available)", DefaultValueFactory = _ => 0 };

    public Option<int> Timeout { get; } = new("--timeout") { Description = "Seconds to wait for one request", DefaultValueFactory = _ => 600 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Endpoint, Model, ModelFile, ApiKey, MetricsUrl, Dataset, DatasetUrl, HubEndpoint, Cache, Limit, Seed, Out, Resume, ContextSize, Threads, Timeout })
        {
            command.Options.Add(option);
        }
    }
}
