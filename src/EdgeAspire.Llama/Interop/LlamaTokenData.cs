using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary><c>struct llama_token_data</c> (12 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaTokenData
{
    public int id;
    public float logit;
    public float p;
}

/// <summary><c>struct llama_token_data_array</c> (32 bytes): <c>selected</c> is an index into <c>data</c>, −1 when
/// no sampler chose; <c>sorted</c> is a C bool.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaTokenDataArray
{
    public LlamaTokenData* data;
    public nuint size;
    public long selected;
    public byte sorted;
}
