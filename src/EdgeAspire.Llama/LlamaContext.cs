using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama;

/// <summary>A KV cache and its compute state over a model, with a persistent thread pool. Not thread-safe: one
/// worker owns a context (see <see cref="Inference.InferenceEngine"/>).</summary>
public sealed class LlamaContext : IDisposable
{
    private readonly SafeLlamaContextHandle _handle;
    private readonly SafeGgmlThreadpoolHandle _threadpool;

    internal LlamaContext(LlamaModel model, LlamaContextOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.ContextSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Threads);
        if (options.Threads > LlamaContextOptions.MaxThreads)
        {
            // ggml asserts (aborting the process) on a thread pool larger than its CPU mask.
            throw new ArgumentOutOfRangeException(nameof(options), options.Threads,
                $"Threads must be at most {LlamaContextOptions.MaxThreads} (GGML_MAX_N_THREADS); got {options.Threads}.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Sequences, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Sequences, 256); // LLAMA_MAX_SEQ
        // Every generating sequence feeds one token per step: the batch must hold them all.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Sequences, options.BatchSize);

        Model = model;
        Threads = options.Threads > 0 ? options.Threads : Math.Min(Environment.ProcessorCount, LlamaContextOptions.MaxThreads);
        var perSequence = options.ContextSize > 0 ? options.ContextSize : Math.Min(model.TrainContextLength, LlamaContextOptions.DefaultMaxContext);

        var parameters = Interop.Interop.Llama.ContextDefaultParams();
        parameters.n_ctx = checked((uint)(perSequence * options.Sequences));
        parameters.n_batch = (uint)options.BatchSize;
        parameters.n_ubatch = (uint)options.BatchSize;
        parameters.n_seq_max = (uint)options.Sequences;
        parameters.n_threads = Threads;
        parameters.n_threads_batch = Threads;
        parameters.no_perf = 0;

        // The handle takes a reference on the model; it is only made for a context that exists, because a
        // SafeHandle never releases an invalid handle and the reference would keep the weights loaded forever.
        var context = Interop.Interop.Llama.InitFromModel(model.Handle, parameters);
        if (context == nint.Zero)
        {
            var reason = NativeLog.TakeLastError();
            throw new LlamaRuntimeException($"llama.cpp could not create a context of {parameters.n_ctx} tokens{(reason is null ? "" : ": " + reason)}.");
        }
        _handle = new SafeLlamaContextHandle(context, model.Handle);
        try
        {
            // Without a persistent pool every llama_decode creates and joins its threads: ~30x slower decode.
            _threadpool = CpuThreadpoolApi.Create(Threads);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
        Interop.Interop.Llama.AttachThreadpool(_handle, _threadpool, _threadpool);

        Sequences = options.Sequences;
        // llama.cpp rounds the cache up to a multiple of 256; the limit stays the one asked for.
        ContextSize = Math.Min(perSequence, (int)Interop.Interop.Llama.ContextSizePerSequence(_handle));
        BatchSize = (int)Interop.Interop.Llama.BatchSize(_handle);
    }

    public LlamaModel Model { get; }

    /// <summary>Tokens of KV cache each sequence can hold.</summary>
    public int ContextSize { get; }

    public int BatchSize { get; }

    public int Threads { get; }

    public int Sequences { get; }

    internal SafeLlamaContextHandle Handle => _handle;

    /// <returns>0 on success, 1 when the KV cache has no room for the batch.</returns>
    /// <exception cref="LlamaRuntimeException">llama.cpp failed to evaluate the batch.</exception>
    internal int Decode(NativeBatch batch)
    {
        var result = Interop.Interop.Llama.Decode(_handle, batch.Value);
        if (result < 0 || result > 1)
        {
            var reason = NativeLog.TakeLastError();
            throw new LlamaRuntimeException($"llama_decode failed with {result}{(reason is null ? "" : ": " + reason)}.");
        }
        return result;
    }

    /// <summary>Logits of the token at <paramref name="batchIndex"/> of the last decoded batch.</summary>
    internal unsafe ReadOnlySpan<float> Logits(int batchIndex)
    {
        var logits = Interop.Interop.Llama.GetLogitsIth(_handle, batchIndex);
        if (logits == null)
        {
            throw new LlamaRuntimeException($"No logits for batch position {batchIndex}.");
        }
        return new ReadOnlySpan<float>(logits, Model.Vocab.Count);
    }

    /// <summary>Drops a sequence's cached tokens from position <paramref name="from"/> on.</summary>
    internal void RemoveTokens(int sequence, int from)
    {
        using var lease = new SafeHandleLease(_handle);
        var memory = Interop.Interop.Llama.GetMemory(_handle);
        if (!Interop.Interop.Llama.MemorySeqRemove(memory, sequence, from, -1))
        {
            // Only recurrent memories refuse partial removal; clear the whole sequence then.
            Interop.Interop.Llama.MemorySeqRemove(memory, sequence, 0, -1);
        }
    }

    internal (double PromptMs, int PromptTokens, double EvalMs, int EvalTokens) Perf()
    {
        var data = Interop.Interop.Llama.PerfContext(_handle);
        return (data.t_p_eval_ms, data.n_p_eval, data.t_eval_ms, data.n_eval);
    }

    public void Dispose()
    {
        _handle.Dispose();
        _threadpool.Dispose();
    }
}
