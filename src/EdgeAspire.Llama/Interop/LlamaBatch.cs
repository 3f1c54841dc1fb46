using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

/// <summary><c>struct llama_batch</c> (56 bytes): parallel arrays of <c>n_tokens</c> entries.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct LlamaBatch
{
    public int n_tokens;
    public int* token;
    public float* embd;
    public int* pos;
    public int* n_seq_id;
    public int** seq_id;
    public sbyte* logits;
}
