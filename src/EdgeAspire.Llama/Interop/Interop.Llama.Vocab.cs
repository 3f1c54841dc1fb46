using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal static partial class Interop
{
    /// <summary>Vocabulary functions. The vocab pointer is owned by its model and lives as long as it.</summary>
    internal static unsafe partial class Llama
    {
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_n_tokens")]
        internal static partial int VocabTokenCount(nint vocab);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_bos")]
        internal static partial int VocabBos(nint vocab);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_eos")]
        internal static partial int VocabEos(nint vocab);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_get_add_bos")]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static partial bool VocabGetAddBos(nint vocab);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_vocab_is_eog")]
        [return: MarshalAs(UnmanagedType.U1)]
        internal static partial bool VocabIsEog(nint vocab, int token);

        /// <returns>The number of tokens, or minus the number needed when <paramref name="maxTokens"/> is too small.</returns>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_tokenize")]
        internal static partial int Tokenize(nint vocab, byte* text, int textLength, int* tokens, int maxTokens,
            [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

        /// <returns>The number of bytes written, or minus the number needed when the buffer is too small.</returns>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_token_to_piece")]
        internal static partial int TokenToPiece(nint vocab, int token, byte* buffer, int length, int lstrip,
            [MarshalAs(UnmanagedType.U1)] bool special);
    }
}
