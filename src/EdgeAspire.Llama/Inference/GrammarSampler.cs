using System.Text;
using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama.Inference;

/// <summary>
/// One sequence's grammar state, sampled by rejection as llama.cpp's own common sampler does: the chain picks a token
/// from the raw logits and the grammar checks that one candidate; only when it refuses are all logits masked by the
/// grammar and the chain run again. Most tokens of a constrained answer pass, so the grammar usually looks at one
/// token instead of the whole vocabulary (151,936 for Qwen2.5) at every step.
/// </summary>
internal sealed unsafe class GrammarSampler : IDisposable
{
    private readonly SafeLlamaSamplerHandle _grammar;
    private readonly byte[][] _pieces;
    private LlamaTokenData[] _candidates = [];
    private Utf8Tracker _utf8;

    /// <exception cref="ArgumentException">llama.cpp could not parse the grammar.</exception>
    public GrammarSampler(LlamaVocab vocab, Grammar grammar)
    {
        grammar.Validate();
        _pieces = vocab.Pieces;
        var rules = Encoding.UTF8.GetBytes(grammar.Gbnf + '\0');
        var root = Encoding.UTF8.GetBytes(grammar.Root + '\0');
        nint handle;
        fixed (byte* r = rules)
        fixed (byte* s = root)
        {
            handle = Interop.Interop.Llama.SamplerInitGrammar(vocab.Pointer, r, s);
        }
        _grammar = handle == nint.Zero
            ? throw new ArgumentException($"llama.cpp could not use the grammar (a syntax error, left recursion, or no rule '{grammar.Root}').", nameof(grammar))
            : new SafeLlamaSamplerHandle(handle);
    }

    /// <summary>Chooses the next token with <paramref name="chain"/> among those the grammar allows, and advances
    /// both.</summary>
    public int Sample(SafeLlamaSamplerHandle chain, LlamaContext context, int batchIndex)
    {
        var logits = context.Logits(batchIndex);
        var token = Select(chain, logits, masked: false);
        if (!Allows(token, logits[token]))
        {
            token = Select(chain, logits, masked: true);
        }
        _utf8.TryAdvance(_pieces[token]);
        // Accepting a token the grammar refuses throws inside llama.cpp (and aborts the process): only allowed ones get here.
        Interop.Interop.Llama.SamplerAccept(_grammar, token);
        Interop.Interop.Llama.SamplerAccept(chain, token);
        return token;
    }

    public void Dispose() => _grammar.Dispose();

    private int Select(SafeLlamaSamplerHandle chain, ReadOnlySpan<float> logits, bool masked)
    {
        if (_candidates.Length != logits.Length)
        {
            _candidates = new LlamaTokenData[logits.Length];
        }
        for (var i = 0; i < logits.Length; i++)
        {
            _candidates[i] = new LlamaTokenData { id = i, logit = logits[i] };
        }
        fixed (LlamaTokenData* data = _candidates)
        {
            var array = new LlamaTokenDataArray { data = data, size = (nuint)logits.Length, selected = -1 };
            if (masked)
            {
                Interop.Interop.Llama.SamplerApply(_grammar, &array);
                if (!KeepStrictUtf8(array))
                {
                    // llama.cpp's samplers assert on an all -inf distribution: fail this request, not the process.
                    throw new LlamaRuntimeException("The grammar allows no token of this model's vocabulary here.");
                }
            }
            Interop.Interop.Llama.SamplerApply(chain, &array);
            if (array.selected < 0 || array.selected >= (long)array.size)
            {
                throw new LlamaRuntimeException("The sampler chain chose no token.");
            }
            return array.data[array.selected].id;
        }
    }

    private bool Allows(int token, float logit)
    {
        if (!_utf8.Clone().TryAdvance(_pieces[token]))
        {
            return false;
        }
        var candidate = new LlamaTokenData { id = token, logit = logit };
        var array = new LlamaTokenDataArray { data = &candidate, size = 1, selected = -1 };
        Interop.Interop.Llama.SamplerApply(_grammar, &array);
        return !float.IsNegativeInfinity(candidate.logit);
    }

    /// <summary>Masks the grammar's survivors that would break strict UTF-8; false when none is left.</summary>
    private bool KeepStrictUtf8(LlamaTokenDataArray array)
    {
        var any = false;
        for (nuint i = 0; i < array.size; i++)
        {
            ref var candidate = ref array.data[i];
            if (float.IsNegativeInfinity(candidate.logit))
            {
                continue;
            }
            if (_utf8.Clone().TryAdvance(_pieces[candidate.id]))
            {
                any = true;
            }
            else
            {
                candidate.logit = float.NegativeInfinity;
            }
        }
        return any;
    }
}
