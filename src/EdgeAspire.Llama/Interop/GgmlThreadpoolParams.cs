using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary><c>struct ggml_threadpool_params</c> (528 bytes: a 512-entry CPU mask of C <c>bool</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct GgmlThreadpoolParams
{
    public const int MaxThreads = 512;

    public fixed byte cpumask[MaxThreads];
    public int n_threads;
    public int prio;
    public uint poll;
    public byte strict_cpu;
    public byte paused;
}
