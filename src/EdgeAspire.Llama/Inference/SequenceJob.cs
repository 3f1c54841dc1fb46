using System.Diagnostics;

namespace EdgeAspire.Llama.Inference;

/// <summary>Work for one sequence of a context: a prompt to evaluate and what to do with the logits. The worker
/// calls it from its own thread only; <see cref="Finish"/> or <see cref="Fail"/> ends it exactly once.</summary>
internal abstract class SequenceJob(int[] tokens, CancellationToken cancellation)
{
    public int[] Tokens { get; } = tokens;

    public CancellationToken Cancellation { get; } = cancellation;

    public long SubmittedAt { get; } = Stopwatch.GetTimestamp();

    /// <summary>The caller's span: the worker thread's stage spans are its children.</summary>
    public ActivityContext Parent { get; } = Activity.Current?.Context ?? default;

    private Activity? _stage;
    private int _stageBatchPeak;

    /// <summary>The span of the stage the job is in (prefill, then decode), when tracing is on.</summary>
    protected Activity? Stage
    {
        get => _stage;
        set
        {
            _stage = value;
            _stageBatchPeak = 0;
        }
    }

    public long StartedAt { get; private set; }

    /// <summary>Sequences of the context in progress when this one started, itself included.</summary>
    protected int ActiveAtStart { get; private set; }

    /// <summary>Prompt tokens found in the KV cache and not evaluated.</summary>
    public int CachedTokens { get; private set; }

    public bool IsDone { get; private set; }

    /// <summary>The last prompt position that may be reused from the cache: positions whose logits are needed
    /// must be evaluated.</summary>
    public abstract int MaxReusablePrefix { get; }

    /// <summary>The token to feed after the prompt, when the job is generating.</summary>
    public int? PendingToken { get; protected set; }

    public abstract bool NeedsLogits(int position);

    public void Start(LlamaContext context, int sequence, int cachedTokens, int activeSequences, int queueDepth)
    {
        StartedAt = Stopwatch.GetTimestamp();
        CachedTokens = cachedTokens;
        EngineTelemetry.RecordQueue(Parent, SubmittedAt, StartedAt, queueDepth);
        ActiveAtStart = activeSequences;
        Stage = EngineTelemetry.StartStage("prefill", Parent, context, activeSequences);
        Stage?.SetTag("edgeaspire.sequence.id", sequence);
        Stage?.SetTag("edgeaspire.prompt_tokens", Tokens.Length);
        Stage?.SetTag("edgeaspire.cached_tokens", cachedTokens);
        OnStart();
    }

    protected virtual void OnStart() { }

    /// <summary>The job is in a decode step with <paramref name="sequences"/> sequences. The stage span's
    /// <c>edgeaspire.batch.size</c> becomes the most sequences any of its steps evaluated together.</summary>
    public void ObserveBatch(int sequences)
    {
        if (sequences > _stageBatchPeak)
        {
            _stageBatchPeak = sequences;
            _stage?.SetTag("edgeaspire.batch.size", sequences);
        }
    }

    /// <summary>Logits for <paramref name="position"/> are at <paramref name="batchIndex"/> of the last decode.</summary>
    public abstract void OnLogits(LlamaContext context, int position, int batchIndex);

    /// <summary>The sequence's context is full.</summary>
    public abstract void OnContextFull();

    public void Finish(FinishReason reason)
    {
        if (!IsDone)
        {
            IsDone = true;
            OnFinish(reason);
        }
    }

    public void Fail(Exception error)
    {
        if (!IsDone)
        {
            IsDone = true;
            EngineTelemetry.EndStage(Stage, 0, 0, error: error);
            OnFail(error);
        }
    }

    protected abstract void OnFinish(FinishReason reason);

    protected abstract void OnFail(Exception error);

    protected static double MillisecondsBetween(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
