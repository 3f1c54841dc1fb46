
namespace EdgeAspire.Llama.Interop;

/// <summary>A <c>llama_batch</c> whose arrays live in one native block owned by this object. Each token belongs
/// to exactly one sequence, which is all the engine needs.</summary>
internal sealed unsafe class NativeBatch : IDisposable
{
    private readonly SafeNativeMemoryHandle _memory;
    private LlamaBatch _batch;
    private int _disposed;

    public NativeBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        var ints = (nuint)capacity * sizeof(int);
        var pointers = (nuint)capacity * (nuint)sizeof(int*);
        // token | pos | n_seq_id | seq_id storage | seq_id pointers | logits flags
        _memory = SafeNativeMemoryHandle.Allocate(4 * ints + pointers + (nuint)capacity);
        NativeObjectCounts.BatchCreated();
        var block = (byte*)_memory.DangerousGetHandle();
        _batch.token = (int*)block;
        _batch.pos = (int*)(block + ints);
        _batch.n_seq_id = (int*)(block + 2 * ints);
        var seqStorage = (int*)(block + 3 * ints);
        _batch.seq_id = (int**)(block + 4 * ints);
        _batch.logits = (sbyte*)(block + 4 * ints + pointers);
        for (var i = 0; i < capacity; i++)
        {
            _batch.n_seq_id[i] = 1;
            _batch.seq_id[i] = seqStorage + i;
        }
    }

    public int Capacity { get; }

    public int Count => _batch.n_tokens;

    public bool IsFull => _batch.n_tokens == Capacity;

    internal LlamaBatch Value => _batch;

    public void Clear() => _batch.n_tokens = 0;

    /// <returns>The token's index in the batch (the index to read its logits with).</returns>
    public int Add(int token, int position, int sequence, bool logits)
    {
        var i = _batch.n_tokens;
        if (i == Capacity)
        {
            throw new InvalidOperationException($"The batch is full ({Capacity} tokens).");
        }
        _batch.token[i] = token;
        _batch.pos[i] = position;
        _batch.seq_id[i][0] = sequence;
        _batch.logits[i] = logits ? (sbyte)1 : (sbyte)0;
        _batch.n_tokens = i + 1;
        return i;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _memory.Dispose();
            NativeObjectCounts.BatchFreed();
        }
    }
}
