using System.Diagnostics;
using System.Threading.Channels;
using EdgeAspire.Llama.Interop;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Llama.Inference;

/// <summary>The one thread that owns a context. Each step is a single <c>llama_decode</c> over the next token of
/// every generating sequence plus prompt chunks of the others, so sequences advance together (continuous
/// batching). While any sequence is generating, prompts get at most the prefill budget per step: a long prompt
/// is spread over several steps instead of stalling every running stream for the whole of its evaluation.</summary>
internal sealed class EngineWorker : IDisposable
{
    private readonly LlamaContext _context;
    private readonly ChannelReader<QueuedJob> _queue;
    /// <summary>Requests read from the channel and not yet admitted, oldest first.</summary>
    private readonly List<QueuedJob> _waiting = [];
    private readonly ILogger _logger;
    private readonly SequenceSlot[] _slots;
    private readonly NativeBatch _batch;
    private readonly List<BatchEntry> _entries = [];
    private readonly Thread _thread;
    private readonly int _prefillBudget;
    /// <summary>Prompt tokens each sequence may add in the current step, by sequence id.</summary>
    private readonly int[] _allotted;
    private int _active;

    /// <param name="prefillBudget">Most prompt tokens per step while a sequence is generating.</param>
    public EngineWorker(LlamaContext context, ChannelReader<QueuedJob> queue, ILogger logger, string name, int prefillBudget)
    {
        _context = context;
        _prefillBudget = Math.Clamp(prefillBudget, 1, context.BatchSize);
        _queue = queue;
        _logger = logger;
        _slots = Enumerable.Range(0, context.Sequences).Select(id => new SequenceSlot(id)).ToArray();
        _allotted = new int[_slots.Length];
        _batch = new NativeBatch(context.BatchSize);
        _thread = new Thread(Run) { IsBackground = true, Name = $"llama {name}" };
        _thread.Start();
    }

    /// <summary>Sequences with a request in progress.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>Tokens held in the KV cache over all sequences (read from another thread: a momentary value).</summary>
    public int CachedTokens => _slots.Sum(s => s.Cached.Count);

    /// <summary>Waits until the queue is completed and drained and every sequence has finished.</summary>
    public void Join() => _thread.Join();

    public void Dispose() => _batch.Dispose();

    private void Run()
    {
        while (true)
        {
            try
            {
                Admit();
                if (Active == 0)
                {
                    if (!WaitForWork())
                    {
                        return;
                    }
                    continue;
                }
                Step();
            }
            catch (Exception e)
            {
                // An exception here would end the thread and the process; a failed decode also leaves the KV cache
                // in an unknown state. Fail the jobs in progress and forget the cache.
                LlamaLog.StepFailed(_logger, e);
                foreach (var slot in _slots.Where(s => s.Job is not null))
                {
                    slot.Job!.Fail(e);
                    Reset(slot);
                    Release(slot);
                }
            }
        }
    }

    private bool WaitForWork()
    {
        try
        {
            return _queue.WaitToReadAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private void Admit()
    {
        while (_queue.TryRead(out var queued))
        {
            _waiting.Add(queued);
        }
        // A request cancelled while waiting ends at the next step, not when a sequence frees: its caller is let go.
        foreach (var queued in _waiting.Where(q => q.Job.Cancellation.IsCancellationRequested))
        {
            queued.Take().Finish(FinishReason.Cancelled);
        }
        _waiting.RemoveAll(q => q.Job.IsDone);
        while (_waiting.Count > 0 && _slots.Any(s => s.Job is null))
        {
            var job = _waiting[0].Take();
            _waiting.RemoveAt(0);
            var slot = ChooseSlot(job.Tokens);
            var reuse = Math.Min(slot.CommonPrefix(job.Tokens), job.MaxReusablePrefix);
            if (reuse < slot.Cached.Count)
            {
                _context.RemoveTokens(slot.Id, reuse);
                slot.Cached.RemoveRange(reuse, slot.Cached.Count - reuse);
            }
            slot.Job = job;
            slot.PromptCursor = reuse;
            Interlocked.Increment(ref _active);
            job.Start(_context, slot.Id, reuse, Active, _waiting.Count);
        }
    }

    /// <summary>
    /// The free slot that keeps the running sequences' ids consecutive, then the one whose cache shares the longest
    /// prefix with the prompt, then the least recently used. llama.cpp evaluates only consecutive sequence ids in one
    /// pass over the weights (its equal split for per-sequence KV streams): with sequences 0 and 2 running, every
    /// step would be two passes, and two streams would run no faster than one. With nothing running every slot
    /// qualifies, so a lone client (a conversation turn by turn) always finds its cached history.
    /// </summary>
    private SequenceSlot ChooseSlot(int[] tokens) =>
        _slots.Where(s => s.Job is null)
            .OrderBy(GapsWith)
            .ThenByDescending(s => s.CommonPrefix(tokens))
            .ThenBy(s => s.LastUsed)
            .First();

    /// <summary>Holes between the ids of the running sequences if <paramref name="candidate"/> joined them.</summary>
    private int GapsWith(SequenceSlot candidate)
    {
        var gaps = 0;
        var previous = -1;
        foreach (var slot in _slots)
        {
            if (slot.Job is not null || slot == candidate)
            {
                gaps += previous >= 0 && slot.Id != previous + 1 ? 1 : 0;
                previous = slot.Id;
            }
        }
        return gaps;
    }

    private void Step()
    {
        _batch.Clear();
        _entries.Clear();
        DropCancelled();
        AllotPromptTokens();
        // In sequence-id order: llama.cpp takes a batch's sequences into one pass over the weights only while each
        // next sequence id is the previous one plus one.
        foreach (var slot in _slots)
        {
            if (slot.Job is not { } job)
            {
                continue;
            }
            if (slot.IsPrefilling)
            {
                if (_allotted[slot.Id] > 0)
                {
                    AddPromptChunk(slot, _allotted[slot.Id]);
                }
            }
            else if (job.PendingToken is { } token)
            {
                if (slot.Cached.Count >= _context.ContextSize)
                {
                    job.OnContextFull();
                    Release(slot);
                    continue;
                }
                _entries.Add(new BatchEntry(slot, _batch.Add(token, slot.Cached.Count, slot.Id, logits: true), slot.Cached.Count, 1, token));
            }
        }
        if (_batch.Count == 0)
        {
            return;
        }
        foreach (var entry in _entries)
        {
            entry.Slot.Job!.ObserveBatch(_entries.Count);
        }

        if (_context.Decode(_batch) != 0)
        {
            HandleCacheFull();
            return;
        }
        foreach (var entry in _entries)
        {
            if (entry.GeneratedToken is { } token)
            {
                entry.Slot.Cached.Add(token);
            }
            else
            {
                entry.Slot.Cached.AddRange(entry.Slot.Job!.Tokens.AsSpan(entry.Position, entry.Count));
            }
        }
        Deliver();
    }

    private void DropCancelled()
    {
        foreach (var slot in _slots.Where(s => s.Job is { Cancellation.IsCancellationRequested: true }))
        {
            slot.Job!.Finish(FinishReason.Cancelled);
            Release(slot);
        }
    }

    /// <summary>Shares the step's prompt tokens among the sequences still evaluating their prompts, oldest request
    /// first: under the budget, the request admitted first gets its first token first, whatever its slot.</summary>
    private void AllotPromptTokens()
    {
        Array.Clear(_allotted);
        var generating = _slots.Count(s => s.Job is { PendingToken: not null } && !s.IsPrefilling);
        var room = generating > 0 ? Math.Min(_prefillBudget, _batch.Capacity - generating) : _batch.Capacity;
        foreach (var slot in _slots.Where(s => s.IsPrefilling).OrderBy(s => s.Job!.StartedAt))
        {
            _allotted[slot.Id] = Math.Min(slot.Job!.Tokens.Length - slot.PromptCursor, room);
            room -= _allotted[slot.Id];
        }
    }

    private void AddPromptChunk(SequenceSlot slot, int count)
    {
        var job = slot.Job!;
        var start = _batch.Count;
        var position = slot.PromptCursor;
        for (var i = 0; i < count; i++)
        {
            _batch.Add(job.Tokens[position + i], position + i, slot.Id, job.NeedsLogits(position + i));
        }
        slot.PromptCursor += count;
        _entries.Add(new BatchEntry(slot, start, position, count, GeneratedToken: null));
    }

    private void Deliver()
    {
        foreach (var (slot, start, position, count, generated) in _entries)
        {
            var job = slot.Job!;
            try
            {
                for (var i = 0; i < count && !job.IsDone; i++)
                {
                    if (generated is not null || job.NeedsLogits(position + i))
                    {
                        job.OnLogits(_context, position + i, start + i);
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                job.Fail(e);
            }
            if (job.IsDone)
            {
                Release(slot);
            }
        }
    }

    private void HandleCacheFull()
    {
        foreach (var (slot, _, _, _, _) in _entries)
        {
            slot.Job?.OnContextFull();
            Reset(slot);
            Release(slot);
        }
    }

    private void Reset(SequenceSlot slot)
    {
        _context.RemoveTokens(slot.Id, 0);
        slot.Cached.Clear();
    }

    private void Release(SequenceSlot slot)
    {
        if (slot.Job is null)
        {
            return;
        }
        slot.Job = null;
        slot.LastUsed = Stopwatch.GetTimestamp();
        Interlocked.Decrement(ref _active);
    }

    /// <summary>A request waiting for a sequence. It holds a place in the engine's queue and gives it back once: as
    /// soon as it is cancelled, or when the worker takes it.</summary>
    internal sealed class QueuedJob
    {
        private readonly Action _release;
        private readonly CancellationTokenRegistration _cancelled;
        private int _released;

        public QueuedJob(SequenceJob job, Action release)
        {
            Job = job;
            _release = release;
            // Runs at once when the token is already cancelled.
            _cancelled = job.Cancellation.Register(static state => ((QueuedJob)state!).Release(), this);
        }

        public SequenceJob Job { get; }

        public SequenceJob Take()
        {
            _cancelled.Unregister();
            Release();
            return Job;
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _release();
            }
        }
    }

    /// <summary>A run of tokens of one sequence in the current batch; <paramref name="GeneratedToken"/> is set
    /// when the run is the sequence's last sampled token rather than a prompt chunk.</summary>
    private readonly record struct BatchEntry(SequenceSlot Slot, int BatchStart, int Position, int Count, int? GeneratedToken);
}
