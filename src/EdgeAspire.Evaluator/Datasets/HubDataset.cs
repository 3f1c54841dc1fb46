namespace EdgeAspire.Evaluator.Datasets;

/// <summary>Where <c>--dataset hub</c> downloads from. The endpoint is <c>--hub-endpoint</c>, else <c>HF_ENDPOINT</c>,
/// else https://huggingface.co; the file's path under it is fixed per dataset, or the whole URL is <c>--dataset-url</c>.</summary>
public sealed record HubDataset(string Repository, string File)
{
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>AllenAI's WinoGrande 1.1 release zip (train/dev/test JSON Lines); the dev split is used.</summary>
    public static HubDataset Winogrande { get; } = new("datasets/allenai/winogrande", "winogrande_1.1.zip");

    /// <summary>The OpenAssistant oasst1 release's trees.</summary>
    public static HubDataset Oasst { get; } = new("datasets/OpenAssistant/oasst1", "2023-04-12_oasst_ready.trees.jsonl.gz");

    public Uri Url(string? endpoint)
    {
        endpoint = string.IsNullOrWhiteSpace(endpoint) ? Environment.GetEnvironmentVariable("HF_ENDPOINT") : endpoint;
        endpoint = string.IsNullOrWhiteSpace(endpoint) ? DefaultEndpoint : endpoint;
        return new Uri($"{endpoint.TrimEnd('/')}/{Repository}/resolve/main/{File}");
    }
}
