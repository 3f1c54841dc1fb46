namespace EdgeAspire.Llama;

/// <summary>llama.cpp objects this process holds right now, by kind: a soak shows whether a swap or a cancelled
/// stream leaves one behind (a count that only grows is a leak; RSS alone cannot tell it from fragmentation).</summary>
public static class NativeObjectCounts
{
    private static long s_models, s_contexts, s_samplers, s_threadpools, s_batches;

    public static long Models => Interlocked.Read(ref s_models);

    public static long Contexts => Interlocked.Read(ref s_contexts);

    public static long Samplers => Interlocked.Read(ref s_samplers);

    public static long Threadpools => Interlocked.Read(ref s_threadpools);

    public static long Batches => Interlocked.Read(ref s_batches);

    /// <summary>Every kind with its count, in a fixed order (the metric's <c>kind</c> label).</summary>
    public static IReadOnlyList<(string Kind, long Count)> All =>
        [("model", Models), ("context", Contexts), ("sampler", Samplers), ("threadpool", Threadpools), ("batch", Batches)];

    internal static void ModelCreated() => Interlocked.Increment(ref s_models);

    internal static void ModelFreed() => Interlocked.Decrement(ref s_models);

    internal static void ContextCreated() => Interlocked.Increment(ref s_contexts);

    internal static void ContextFreed() => Interlocked.Decrement(ref s_contexts);

    internal static void SamplerCreated() => Interlocked.Increment(ref s_samplers);

    internal static void SamplerFreed() => Interlocked.Decrement(ref s_samplers);

    internal static void ThreadpoolCreated() => Interlocked.Increment(ref s_threadpools);

    internal static void ThreadpoolFreed() => Interlocked.Decrement(ref s_threadpools);

    internal static void BatchCreated() => Interlocked.Increment(ref s_batches);

    internal static void BatchFreed() => Interlocked.Decrement(ref s_batches);
}
