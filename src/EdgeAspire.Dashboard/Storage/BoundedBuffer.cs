namespace EdgeAspire.Dashboard.Storage;

/// <summary>A fixed-capacity ring: adding to a full buffer evicts the oldest item. Every item gets a sequence number
/// (1, 2, …) so a poller can ask for what arrived after the last one it saw, even across evictions.</summary>
internal sealed class BoundedBuffer<T>
{
    private readonly T[] _items;
    private readonly Lock _lock = new();
    private long _added;

    public BoundedBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _added;
            }
        }
    }

    public long Evicted
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(0, _added - _items.Length);
            }
        }
    }

    public void AddRange(IEnumerable<T> items)
    {
        lock (_lock)
        {
            foreach (var item in items)
            {
                _items[_added % _items.Length] = item;
                _added++;
            }
        }
    }

    /// <summary>The items kept, oldest first, with their sequence numbers; only those after <paramref name="after"/>.</summary>
    public List<(long Sequence, T Item)> Snapshot(long after = 0)
    {
        lock (_lock)
        {
            var first = Math.Max(after, Math.Max(0, _added - _items.Length));
            var result = new List<(long, T)>((int)Math.Max(0, _added - first));
            for (var i = first; i < _added; i++)
            {
                result.Add((i + 1, _items[i % _items.Length]));
            }
            return result;
        }
    }
}
