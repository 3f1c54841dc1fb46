using System.ComponentModel.DataAnnotations;

namespace EdgeAspire.PromptApi;

/// <summary>Settings under <c>PromptApi:</c>. The names are a contract: scripts and the AppHost set them.</summary>
public sealed class PromptApiOptions
{
    public const string SectionName = "PromptApi";

    /// <summary><c>worker</c> (default) serves models; <c>gateway</c> routes to workers (<see cref="Gateway.GatewayOptions"/>).
    /// Read before the services are built (<see cref="PromptApiMode"/>); here so that it is listed with the others.</summary>
    public string Mode { get; set; } = PromptApiMode.Worker;

    /// <summary>Folder of <c>*.gguf</c> files; a model's id is its file name without <c>.gguf</c>.</summary>
    public string? ModelsPath { get; set; }

    /// <summary>Where models fetched from the ModelStore are kept; default <see cref="ModelsPath"/>, else a folder
    /// under the user's local application data.</summary>
    public string? CachePath { get; set; }

    public string CacheFolder => CachePath is { Length: > 0 } cache ? cache
        : ModelsPath is { Length: > 0 } models ? models
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "edgeaspire", "promptapi-models");

    /// <summary>More models by id: <c>PromptApi:Models:&lt;id&gt; = path</c>.</summary>
    public Dictionary<string, string> Models { get; set; } = [];

    /// <summary>Bytes that loaded models (weights + KV cache + compute buffers, as estimated from the GGUF) may
    /// take together; 0 = <see cref="DefaultBudgetShare"/> of the memory available to the process (cgroup-aware).</summary>
    [Range(0, long.MaxValue)]
    public long MemoryBudget { get; set; }

    /// <summary>Requests per model that may wait for a free sequence; one more gets HTTP 429.</summary>
    [Range(1, 100_000)]
    public int QueueLength { get; set; } = 16;

    /// <summary>Threads per model; 0 = the processors available to the process.</summary>
    [Range(0, 512)]
    public int Threads { get; set; }

    /// <summary>Tokens per sequence; capped by what the model was trained for.</summary>
    [Range(16, 1 << 20)]
    public int ContextSize { get; set; } = 4096;

    /// <summary>Sequences one model's context serves at once (continuous batching: one <c>llama_decode</c> per step
    /// over all of them), each with <see cref="ContextSize"/> tokens of KV cache; 0 = chosen from the processors
    /// and the memory budget (at most <see cref="DefaultMaxParallelSequences"/>).</summary>
    [Range(0, 256)]
    public int ParallelSequences { get; set; }

    /// <summary>When not empty, <c>/v1/*</c> requires <c>Authorization: Bearer &lt;key&gt;</c> with one of these. A
    /// blank key refuses to start: it would otherwise leave the API open without a word.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Before a file this server has not run before is loaded, load it and generate one token in a
    /// short-lived child process; only a file that survives is loaded here (the verdict is kept by sha256). A file
    /// that crashes llama.cpp then costs a child, not the server and every stream on it.</summary>
    public bool AdmissionProbe { get; set; } = true;

    /// <summary>How long the probe may take; a child still running then is killed and the file refused as one
    /// llama.cpp hangs on. Loading a 7B model on a Pi 5 from an SD card can take a minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AdmissionProbeTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The key this worker sends to the ModelStore (one of its <c>ModelStore:ApiKeys</c>); none when the
    /// store is open.</summary>
    public string? ModelStoreApiKey { get; set; }

    /// <summary>Largest request body accepted; larger gets HTTP 413.</summary>
    [Range(1024, int.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    public const double DefaultBudgetShare = 0.75;

    /// <summary>llama-server's default too (<c>-np</c> auto).</summary>
    public const int DefaultMaxParallelSequences = 4;
}
