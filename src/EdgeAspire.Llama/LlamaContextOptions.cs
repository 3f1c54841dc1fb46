namespace EdgeAspire.Llama;

public sealed class LlamaContextOptions
{
    /// <summary>Tokens of KV cache per sequence; 0 = the model's training context, capped at <see cref="DefaultMaxContext"/>.</summary>
    public int ContextSize { get; set; }

    /// <summary>Most tokens one <c>llama_decode</c> may take (prefill chunk size).</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>Threads of the context's thread pool, at most <see cref="MaxThreads"/>; 0 = the processors
    /// available to the process (cgroup-aware), capped at <see cref="MaxThreads"/>.</summary>
    public int Threads { get; set; }

    /// <summary>Sequences that can share the context (continuous batching); each gets <see cref="ContextSize"/> tokens.</summary>
    public int Sequences { get; set; } = 1;

    /// <summary>Upper bound for an unspecified <see cref="ContextSize"/>: a 128k-token training context would
    /// reserve gigabytes of KV cache on an 8 GB node.</summary>
    public const int DefaultMaxContext = 4096;

    /// <summary>GGML_MAX_N_THREADS: the size of a ggml thread pool's CPU mask.</summary>
    public const int MaxThreads = Interop.GgmlThreadpoolParams.MaxThreads;
}
