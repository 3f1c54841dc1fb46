using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAspire.Llama.Inference;

/// <summary>Generation and scoring on one context of a model. Requests queue in a bounded channel and are served
/// by one worker thread that owns the context; every request is checked here, before it can reach llama.cpp.</summary>
public sealed class InferenceEngine : IDisposable
{
    /// <summary>Unbounded: <see cref="_queueLength"/> bounds the requests waiting, counted in <see cref="_waiting"/>.</summary>
    private readonly Channel<EngineWorker.QueuedJob> _queue;
    private readonly LlamaContext _context;
    private readonly EngineWorker _worker;
    private readonly CancellationTokenSource _shutdown = new();
    /// <summary>One prompt is tokenized at a time: a few long prompts then take one core from the requests already
    /// decoding, not every core, and wait their turn like any queued request.</summary>
    private readonly SemaphoreSlim _tokenizing = new(1, 1);
    private readonly int _tokenEvents;
    private readonly int _queueLength;
    private int _waiting;
    private int _disposed;

    public InferenceEngine(LlamaModel model, InferenceEngineOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new InferenceEngineOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.TokenEvents);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PrefillChunk, 1);
        Model = model;
        _tokenEvents = options.TokenEvents;
        _queueLength = options.QueueLength;
        _context = model.CreateContext(options.Context);
        _queue = Channel.CreateUnbounded<EngineWorker.QueuedJob>(new UnboundedChannelOptions { SingleReader = true });
        _worker = new EngineWorker(_context, _queue.Reader, logger ?? NullLogger.Instance, Path.GetFileNameWithoutExtension(model.Path), options.PrefillChunk);
    }

    public LlamaModel Model { get; }

    /// <summary>Tokens one sequence can hold: the limit for a prompt plus its generated tokens.</summary>
    public int ContextSize => _context.ContextSize;

    public int BatchSize => _context.BatchSize;

    public int Threads => _context.Threads;

    public int Sequences => _context.Sequences;

    /// <summary>Requests waiting for a sequence, those whose prompts are being tokenized included; not counting those
    /// cancelled while waiting.</summary>
    public int QueuedRequests => Volatile.Read(ref _waiting);

    public int ActiveSequences => _worker.Active;

    /// <summary>Tokens in the KV cache now, over all sequences, out of <see cref="ContextSize"/> × <see cref="Sequences"/>.</summary>
    public int KvCacheTokens => _worker.CachedTokens;

    /// <summary>Queues a generation and streams its updates. The request is queued by this call (so a full queue
    /// or an invalid request throws here, before anything is streamed); cancel the token or stop enumerating to
    /// end it at the next token.</summary>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    /// <exception cref="ContextLengthExceededException">The prompt does not fit the context.</exception>
    /// <exception cref="ArgumentException">A token id or sampling value is invalid.</exception>
    public IAsyncEnumerable<GenerationUpdate> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        using var place = EnterQueue();
        return GenerateAsync(request, place, cancellationToken);
    }

    /// <summary>As <see cref="GenerateAsync(GenerationRequest, CancellationToken)"/>, for a request that took its place
    /// in the queue before its prompt was tokenized; the place passes to the generation.</summary>
    public IAsyncEnumerable<GenerationUpdate> GenerateAsync(GenerationRequest request, QueuePlace place, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(place);
        ThrowIfForeign(place);
        request.Sampling.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(request.MaxTokens);
        if (request.TopLogProbs is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(top, nameof(request.TopLogProbs));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(top, GenerationRequest.MaxTopLogProbs, nameof(request.TopLogProbs));
        }
        if (request.Stop.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Stop sequences must not be empty.", nameof(request));
        }
        var tokens = CheckedPrompt(request.PromptTokens, minimum: 1);

        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        var job = new GenerationJob(request, tokens, Model.Vocab, _tokenEvents, cancellation.Token);
        try
        {
            Enqueue(job, place);
        }
        catch
        {
            job.Dispose();
            cancellation.Dispose();
            throw;
        }
        return Stream(job, cancellation, CancellationToken.None);
    }

    public Task<GenerationResult> GenerateTextAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        using var place = EnterQueue();
        return GenerateTextAsync(request, place, cancellationToken);
    }

    public async Task<GenerationResult> GenerateTextAsync(GenerationRequest request, QueuePlace place, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        var tokens = new List<int>();
        var logProbs = new List<TokenLogProb>();
        await foreach (var update in GenerateAsync(request, place, cancellationToken).ConfigureAwait(false))
        {
            text.Append(update.Text);
            if (update.Token is { } token)
            {
                tokens.Add(token);
            }
            if (update.LogProb is { } logProb)
            {
                logProbs.Add(logProb);
            }
            if (update.FinishReason is { } reason)
            {
                return new GenerationResult(text.ToString(), tokens, reason, update.Timings!, logProbs);
            }
        }
        throw new InvalidOperationException("The generation ended without a final update.");
    }

    /// <summary>Log-probabilities of the tokens from <see cref="ScoreRequest.FirstScored"/> on, in one batched pass.</summary>
    public async Task<ScoreResult> ScoreAsync(ScoreRequest request, CancellationToken cancellationToken = default)
    {
        using var place = EnterQueue();
        return await ScoreAsync(request, place, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="ScoreAsync(ScoreRequest, CancellationToken)"/>, for a request that already holds a
    /// place in the queue; the place passes to the scoring.</summary>
    public Task<ScoreResult> ScoreAsync(ScoreRequest request, QueuePlace place, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(place);
        ThrowIfForeign(place);
        var tokens = CheckedPrompt(request.Tokens, minimum: 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.FirstScored, 1, nameof(request.FirstScored));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(request.FirstScored, tokens.Length, nameof(request.FirstScored));
        ArgumentOutOfRangeException.ThrowIfNegative(request.TopLogProbs, nameof(request.TopLogProbs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.TopLogProbs, GenerationRequest.MaxTopLogProbs, nameof(request.TopLogProbs));
        return ScoreQueuedAsync(request, tokens, place, cancellationToken);
    }

    public int[] Tokenize(string text, bool addSpecial = true, bool parseSpecial = false) => Model.Vocab.Tokenize(text, addSpecial, parseSpecial);

    /// <summary>Takes a place in the queue for a request whose prompt is yet to be tokenized: a full queue refuses it
    /// before any work is done on it, and while it is tokenized it counts as waiting.</summary>
    /// <exception cref="QueueFullException">The queue is full.</exception>
    public QueuePlace EnterQueue()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // Counted here, not by a bounded channel: a request cancelled while waiting stays in the channel until the
        // worker reads it, but gives its place back at once, so dead requests do not turn live ones away.
        if (Interlocked.Increment(ref _waiting) > _queueLength)
        {
            Interlocked.Decrement(ref _waiting);
            throw new QueueFullException($"The queue of {Path.GetFileNameWithoutExtension(Model.Path)} is full ({QueuedRequests} waiting); retry later.");
        }
        return new QueuePlace(this, () => Interlocked.Decrement(ref _waiting));
    }

    /// <summary>Tokenizes a queued request's prompt, one prompt at a time per engine, so that long prompts wait in the
    /// queue rather than all taking CPU from the requests being decoded.</summary>
    public async Task<int[]> TokenizeAsync(QueuePlace place, string text, bool addSpecial = true, bool parseSpecial = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(place);
        ThrowIfForeign(place);
        await _tokenizing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Tokenize(text, addSpecial, parseSpecial);
        }
        finally
        {
            _tokenizing.Release();
        }
    }

    /// <summary>Stops taking requests, cancels those still queued or running at their next token, and waits for
    /// the worker to let go of the context before freeing it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _queue.Writer.TryComplete();
        _shutdown.Cancel();
        _worker.Join();
        _shutdown.Dispose();
        _tokenizing.Dispose();
        _worker.Dispose();
        _context.Dispose();
    }

    private int[] CheckedPrompt(IReadOnlyList<int> tokens, int minimum)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count < minimum)
        {
            throw new ArgumentException($"At least {minimum} token(s) are needed; got {tokens.Count}.", nameof(tokens));
        }
        if (tokens.Count > ContextSize)
        {
            throw new ContextLengthExceededException(tokens.Count, ContextSize);
        }
        var copy = tokens.ToArray();
        foreach (var token in copy)
        {
            Model.Vocab.ThrowIfInvalid(token);
        }
        return copy;
    }

    private async Task<ScoreResult> ScoreQueuedAsync(ScoreRequest request, int[] tokens, QueuePlace place, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        var job = new ScoreJob(request, tokens, Model.Vocab, cancellation.Token);
        Enqueue(job, place);
        return await job.Result.ConfigureAwait(false);
    }

    private void ThrowIfForeign(QueuePlace place)
    {
        if (place.Engine != this)
        {
            throw new ArgumentException("The queue place belongs to another engine.", nameof(place));
        }
    }

    private void Enqueue(SequenceJob job, QueuePlace place)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var queued = new EngineWorker.QueuedJob(job, place.Take());
        if (!_queue.Writer.TryWrite(queued))
        {
            queued.Take();
            ObjectDisposedException.ThrowIf(true, this);
        }
    }

    private static async IAsyncEnumerable<GenerationUpdate> Stream(GenerationJob job, CancellationTokenSource cancellation, [EnumeratorCancellation] CancellationToken enumerationToken = default)
    {
        using var registration = enumerationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cancellation);
        try
        {
            await foreach (var update in job.Updates.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            // The consumer stopped early (or finished): the worker ends the sequence at its next step.
            await cancellation.CancelAsync().ConfigureAwait(false);
            cancellation.Dispose();
        }
    }
}
