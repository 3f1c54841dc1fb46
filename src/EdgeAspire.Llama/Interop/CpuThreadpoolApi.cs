namespace EdgeAspire.Llama.Interop;

/// <summary><c>ggml_threadpool_new</c> / <c>ggml_threadpool_free</c> of the CPU backend, resolved through
/// <c>ggml_backend_reg_get_proc_address</c> once the backends are loaded.</summary>
internal static unsafe class CpuThreadpoolApi
{
    private static delegate* unmanaged<GgmlThreadpoolParams*, nint> s_new;
    private static delegate* unmanaged<nint, void> s_free;

    public static bool IsResolved => s_new != null && s_free != null;

    public static void Resolve()
    {
        var registry = Interop.Ggml.BackendRegistryByName("CPU");
        if (registry == nint.Zero)
        {
            throw new LlamaRuntimeException("llama.cpp has no CPU backend registered: no libggml-cpu-*.so could be loaded for this processor.");
        }
        s_new = (delegate* unmanaged<GgmlThreadpoolParams*, nint>)Interop.Ggml.BackendRegistryGetProcAddress(registry, "ggml_threadpool_new");
        s_free = (delegate* unmanaged<nint, void>)Interop.Ggml.BackendRegistryGetProcAddress(registry, "ggml_threadpool_free");
        if (!IsResolved)
        {
            throw new LlamaRuntimeException("The CPU backend does not export ggml_threadpool_new/ggml_threadpool_free.");
        }
    }

    public static SafeGgmlThreadpoolHandle Create(int threads)
    {
        GgmlThreadpoolParams parameters;
        Interop.Ggml.ThreadpoolParamsInit(&parameters, threads);
        var pool = new SafeGgmlThreadpoolHandle(s_new(&parameters));
        if (pool.IsInvalid)
        {
            throw new LlamaRuntimeException($"ggml_threadpool_new failed for {threads} threads.");
        }
        return pool;
    }

    public static void Free(nint pool) => s_free(pool);
}
