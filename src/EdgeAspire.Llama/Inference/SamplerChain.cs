using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama.Inference;

internal static class SamplerChain
{
    public static SafeLlamaSamplerHandle Create(SamplingOptions options, int vocabSize)
    {
        var chain = new SafeLlamaSamplerHandle(Interop.Interop.Llama.SamplerChainInit(noPerf: 1));
        if (options.HasPenalties)
        {
            Add(chain, Interop.Interop.Llama.SamplerInitPenalties(vocabSize, options.RepeatLastN, options.RepeatPenalty, options.FrequencyPenalty, options.PresencePenalty));
        }
        if (options.IsGreedy)
        {
            Add(chain, Interop.Interop.Llama.SamplerInitGreedy());
            return chain;
        }
        if (options.TopK > 0)
        {
            Add(chain, Interop.Interop.Llama.SamplerInitTopK(options.TopK));
        }
        if (options.TopP < 1f)
        {
            Add(chain, Interop.Interop.Llama.SamplerInitTopP(options.TopP, 1));
        }
        if (options.MinP > 0f)
        {
            Add(chain, Interop.Interop.Llama.SamplerInitMinP(options.MinP, 1));
        }
        Add(chain, Interop.Interop.Llama.SamplerInitTemp(options.Temperature));
        Add(chain, Interop.Interop.Llama.SamplerInitDist(options.Seed ?? (uint)Random.Shared.Next()));
        return chain;
    }

    private static void Add(SafeLlamaSamplerHandle chain, nint sampler)
    {
        if (sampler == nint.Zero)
        {
            throw new LlamaRuntimeException("llama.cpp could not create a sampler.");
        }
        Interop.Interop.Llama.SamplerChainAdd(chain, sampler);
    }
}
