using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary><c>struct llama_perf_context_data</c>; filled only when the context was created with <c>no_perf = 0</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaPerfContextData
{
    public double t_start_ms;
    public double t_load_ms;
    public double t_p_eval_ms;
    public double t_eval_ms;
    public int n_p_eval;
    public int n_eval;
    public int n_reused;
}
