using System.Runtime.InteropServices;

namespace EdgeAspire.Llama.Interop;

internal static partial class Interop
{
    /// <summary>Sampler chain construction and sampling.</summary>
    internal static unsafe partial class Llama
    {
        /// <param name="noPerf"><c>struct llama_sampler_chain_params</c> is a single C bool, passed by value.</param>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_chain_init")]
        internal static partial nint SamplerChainInit(byte noPerf);

        /// <summary>The chain takes ownership of <paramref name="sampler"/>.</summary>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_chain_add")]
        internal static partial void SamplerChainAdd(SafeLlamaSamplerHandle chain, nint sampler);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_greedy")]
        internal static partial nint SamplerInitGreedy();

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_dist")]
        internal static partial nint SamplerInitDist(uint seed);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_temp")]
        internal static partial nint SamplerInitTemp(float temperature);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_top_k")]
        internal static partial nint SamplerInitTopK(int k);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_top_p")]
        internal static partial nint SamplerInitTopP(float p, nuint minKeep);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_min_p")]
        internal static partial nint SamplerInitMinP(float p, nuint minKeep);

        /// <remarks>v0.5.0 takes the vocabulary size first; older headers do not.</remarks>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_penalties")]
        internal static partial nint SamplerInitPenalties(int vocabSize, int lastN, float repeat, float frequency, float presence);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_sample")]
        internal static partial int SamplerSample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int index);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_accept")]
        internal static partial void SamplerAccept(SafeLlamaSamplerHandle sampler, int token);

        /// <summary>Returns NULL when the grammar does not parse or lacks <paramref name="root"/> (v0.5.0 catches
        /// its parser's exceptions); both strings are NUL-terminated UTF-8.</summary>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_init_grammar")]
        internal static partial nint SamplerInitGrammar(nint vocab, byte* grammar, byte* root);

        /// <summary>Applies the sampler (or chain) to candidates without accepting anything.</summary>
        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_apply")]
        internal static partial void SamplerApply(SafeLlamaSamplerHandle sampler, LlamaTokenDataArray* candidates);

        [LibraryImport(Libraries.Llama, EntryPoint = "llama_sampler_free")]
        internal static partial void SamplerFree(nint sampler);
    }
}
