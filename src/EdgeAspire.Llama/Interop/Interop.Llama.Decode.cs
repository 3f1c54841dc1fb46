using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal static partial class Interop
{
    /// <summary>Batch evaluation, logits and the KV memory of a context.</summary>
    internal static unsafe partial class Llama
    {
        /// <returns>0 on success; 1 when no KV slot was found (cache full); &lt; 0 on error.</returns>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_decode")]
        internal static partial int Decode(SafeLlamaContextHandle context, LlamaBatch batch);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_synchronize")]
        internal static partial void Synchronize(SafeLlamaContextHandle context);

        /// <param name="index">Position in the last batch (its logits flag must have been set); −1 = last output.</param>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_get_logits_ith")]
        internal static partial float* GetLogitsIth(SafeLlamaContextHandle context, int index);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_get_memory")]
        internal static partial nint GetMemory(SafeLlamaContextHandle context);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_memory_clear")]
        internal static partial void MemoryClear(nint memory, [MarshalAs(UnmanagedType.U1)] bool data);

        /// <summary>Removes positions [p0, p1) of a sequence; p1 &lt; 0 means to the end.</summary>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_memory_seq_rm")]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static partial bool MemorySeqRemove(nint memory, int sequence, int p0, int p1);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_memory_seq_cp")]
        internal static partial void MemorySeqCopy(nint memory, int source, int destination, int p0, int p1);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_memory_seq_pos_max")]
        internal static partial int MemorySeqPosMax(nint memory, int sequence);
    }
}
