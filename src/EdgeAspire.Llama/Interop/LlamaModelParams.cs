using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary><c>struct llama_model_params</c> of llama.cpp v0.5.0 (80 bytes). Take it from
/// <c>llama_model_default_params()</c> and change fields: older headers lack load_mode, lazy_mode and load_mtp.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelParams
{
    public nint devices;
    public nint tensor_buft_overrides;
    public int n_gpu_layers;
    public int split_mode;
    public int load_mode;
    public int lazy_mode;
    public int main_gpu;
    public nint tensor_split;
    public nint progress_callback;
    public nint progress_callback_user_data;
    public nint kv_overrides;
    public byte vocab_only;
    public byte check_tensors;
    public byte use_extra_bufts;
    public byte no_host;
    public byte no_alloc;
    public byte load_mtp;
}
