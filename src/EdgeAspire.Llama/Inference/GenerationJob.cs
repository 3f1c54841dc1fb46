using System.Diagnostics;
using System.Threading.Channels;
using EdgeAspire.Llama.Interop;

namespace EdgeAspire.Llama.Inference;

internal sealed class GenerationJob : SequenceJob, IDisposable
{
    private readonly GenerationRequest _request;
    private readonly LlamaVocab _vocab;
    private readonly SafeLlamaSamplerHandle _sampler;
    private readonly GrammarSampler? _grammar;
    private readonly Utf8PieceDecoder _decoder = new();
    private readonly StopSequenceFilter _stops;
    private readonly Channel<GenerationUpdate> _updates =
        Channel.CreateUnbounded<GenerationUpdate>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly byte[] _piece = new byte[256];
    private readonly int _tokenEventEvery;
    private int _generated;
    private long _promptDoneAt;
    private long _firstTokenAt;
    private long _lastTokenAt;
    private long _detokenizeTicks;

    /// <param name="tokenEventEvery">Add a span event every this many tokens to the decode span (0: none).</param>
    public GenerationJob(GenerationRequest request, int[] tokens, LlamaVocab vocab, int tokenEventEvery, CancellationToken cancellation)
        : base(tokens, cancellation)
    {
        _request = request;
        _tokenEventEvery = tokenEventEvery;
        _vocab = vocab;
        _stops = new StopSequenceFilter(request.Stop);
        _sampler = SamplerChain.Create(request.Sampling, vocab.Count);
        try
        {
            _grammar = request.Grammar is { } grammar ? new GrammarSampler(vocab, grammar) : null;
        }
        catch
        {
            _sampler.Dispose();
            throw;
        }
    }

    public ChannelReader<GenerationUpdate> Updates => _updates.Reader;

    public override int MaxReusablePrefix => Tokens.Length - 1;

    public override bool NeedsLogits(int position) => position >= Tokens.Length - 1;

    protected override void OnStart()
    {
        if (_request.Sampling.HasPenalties)
        {
            // Repetition penalties count the prompt too, as llama-server does.
            foreach (var token in Tokens)
            {
                Interop.Interop.Llama.SamplerAccept(_sampler, token);
            }
        }
    }

    public override void OnLogits(LlamaContext context, int position, int batchIndex)
    {
        if (_promptDoneAt == 0)
        {
            _promptDoneAt = Stopwatch.GetTimestamp();
            EngineTelemetry.EndStage(Stage, Tokens.Length - CachedTokens, MillisecondsBetween(StartedAt, _promptDoneAt));
            if (_request.MaxTokens == 0)
            {
                Stage = null;
                Finish(FinishReason.Length);
                return;
            }
            Stage = EngineTelemetry.StartStage("decode", Parent, context, ActiveAtStart);
        }

        var token = _grammar is null
            ? Interop.Interop.Llama.SamplerSample(_sampler, context.Handle, batchIndex)
            : _grammar.Sample(_sampler, context, batchIndex);
        _generated++;
        var now = Stopwatch.GetTimestamp();
        if (_firstTokenAt == 0)
        {
            _firstTokenAt = now;
            _lastTokenAt = _promptDoneAt;
        }
        if (Stage is not null && _tokenEventEvery > 0 && _generated % _tokenEventEvery == 0)
        {
            EngineTelemetry.TokenEvent(Stage, _generated, MillisecondsBetween(_lastTokenAt, now));
        }
        _lastTokenAt = now;
        var logProb = _request.TopLogProbs is { } top ? LogProbs.Of(_vocab, context.Logits(batchIndex), token, top) : null;

        // A grammar lets an end-of-generation token through only where its output is complete: end there, ignore_eos
        // or not, since nothing else could follow.
        if ((!_request.IgnoreEndOfGeneration || _grammar is not null) && _vocab.IsEndOfGeneration(token))
        {
            Emit(new GenerationUpdate { Token = token, LogProb = logProb });
            Finish(FinishReason.Stop);
            return;
        }

        var text = _stops.Push(_decoder.Push(Piece(token)));
        _detokenizeTicks += Stopwatch.GetTimestamp() - now;
        Emit(new GenerationUpdate { Text = text, Token = token, LogProb = logProb });
        if (_stops.Stopped)
        {
            Finish(FinishReason.Stop);
        }
        else if (_generated >= _request.MaxTokens)
        {
            Finish(FinishReason.Length);
        }
        else
        {
            PendingToken = token;
        }
    }

    public override void OnContextFull() => Finish(FinishReason.Length);

    protected override void OnFinish(FinishReason reason)
    {
        if (_promptDoneAt != 0)
        {
            EngineTelemetry.EndStage(Stage, _generated, MillisecondsBetween(_promptDoneAt, Stopwatch.GetTimestamp()), reason);
            Stage = null;
        }
        var detokenize = EngineTelemetry.StartStage("detokenize", Parent, ActiveAtStart);
        var rest = _stops.Stopped ? "" : _stops.Push(_decoder.Flush()) + _stops.Flush();
        EngineTelemetry.EndDetokenize(detokenize, _generated, Stopwatch.GetElapsedTime(0, _detokenizeTicks).TotalMilliseconds);
        var now = Stopwatch.GetTimestamp();
        var promptDone = _promptDoneAt == 0 ? now : _promptDoneAt;
        var timings = new GenerationTimings
        {
            PromptTokens = Tokens.Length,
            CachedTokens = CachedTokens,
            QueueMs = StartedAt == 0 ? MillisecondsBetween(SubmittedAt, now) : MillisecondsBetween(SubmittedAt, StartedAt),
            PromptMs = StartedAt == 0 ? 0 : MillisecondsBetween(StartedAt, promptDone),
            GeneratedTokens = _generated,
            GenerationMs = MillisecondsBetween(promptDone, now),
            TimeToFirstTokenMs = _firstTokenAt == 0 ? 0 : MillisecondsBetween(SubmittedAt, _firstTokenAt),
        };
        EngineTelemetry.EndStage(Stage, 0, 0, reason); // still in prefill: cancelled or failed before the first token
        Emit(new GenerationUpdate { Text = rest, FinishReason = reason, Timings = timings });
        _updates.Writer.TryComplete();
        Dispose();
    }

    protected override void OnFail(Exception error)
    {
        _updates.Writer.TryComplete(error);
        Dispose();
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _grammar?.Dispose();
    }

    private ReadOnlySpan<byte> Piece(int token)
    {
        var n = _vocab.TokenToPiece(token, _piece);
        return n >= 0 ? _piece.AsSpan(0, n) : _vocab.TokenBytes(token);
    }

    private void Emit(GenerationUpdate update) => _updates.Writer.TryWrite(update);
}
