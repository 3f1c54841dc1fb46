using EdgeAspire.Llama;
using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Benchmarks;

/// <summary>The same native calls the engine makes, with nothing around them: the yardstick for the engine's
/// overhead.</summary>
internal sealed class BareLoop : IDisposable
{
    private readonly LlamaContext _context;
    private readonly NativeBatch _batch;
    private readonly SafeLlamaSamplerHandle _greedy;

    public BareLoop(LlamaModel model, LlamaContextOptions options)
    {
        _context = model.CreateContext(options);
        _batch = new NativeBatch(_context.BatchSize);
        _greedy = new SafeLlamaSamplerHandle(Interop.Llama.SamplerChainInit(noPerf: 1));
        Interop.Llama.SamplerChainAdd(_greedy, Interop.Llama.SamplerInitGreedy());
    }

    public void Prefill(int[] tokens)
    {
        _context.RemoveTokens(0, 0);
        _batch.Clear();
        for (var i = 0; i < tokens.Length; i++)
        {
            _batch.Add(tokens[i], i, 0, logits: i == tokens.Length - 1);
        }
        Check(_context.Decode(_batch));
    }

    /// <summary>Feeds <paramref name="first"/>, then each greedily sampled token, <paramref name="count"/> decodes in all.</summary>
    public int Generate(int first, int count)
    {
        _context.RemoveTokens(0, 0);
        var token = first;
        for (var position = 0; position < count; position++)
        {
            _batch.Clear();
            _batch.Add(token, position, 0, logits: true);
            Check(_context.Decode(_batch));
            token = Interop.Llama.SamplerSample(_greedy, _context.Handle, 0);
        }
        return token;
    }

    public void Dispose()
    {
        _greedy.Dispose();
        _batch.Dispose();
        _context.Dispose();
    }

    private static void Check(int result)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"llama_decode returned {result}");
        }
    }
}
