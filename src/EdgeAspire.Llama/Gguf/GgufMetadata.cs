using System.Diagnostics.CodeAnalysis;

namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// Metadata key/value pairs in file order, with typed access. Integer getters widen any integer type that fits
/// (files disagree on u32 vs i32 vs u64 for the same key); float getters accept Float32 and Float64.
/// Get… throws <see cref="KeyNotFoundException"/> when the key is absent and <see cref="InvalidCastException"/>
/// when it has another type; TryGet… returns false in both cases.
/// </summary>
public sealed class GgufMetadata
{
    private readonly Dictionary<string, GgufValue> _values;

    public GgufMetadata(IEnumerable<KeyValuePair<string, GgufValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var ordered = entries.ToList();
        Keys = ordered.ConvertAll(entry => entry.Key);
        _values = new Dictionary<string, GgufValue>(ordered, StringComparer.Ordinal);
    }

    public int Count => _values.Count;

    /// <summary>Keys in the order the file stores them.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Entries in the order the file stores them.</summary>
    public IEnumerable<KeyValuePair<string, GgufValue>> Entries =>
        Keys.Select(key => new KeyValuePair<string, GgufValue>(key, _values[key]));

    public GgufValue this[string key] => _values[key];

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out GgufValue value) => _values.TryGetValue(key, out value);

    public string GetString(string key) => Require(key, TryGetString(key, out var value), value);

    public bool TryGetString(string key, [NotNullWhen(true)] out string? value)
    {
        value = _values.TryGetValue(key, out var entry) ? entry.Value as string : null;
        return value is not null;
    }

    public bool GetBool(string key) => Require(key, TryGetBool(key, out var value), value);

    public bool TryGetBool(string key, out bool value)
    {
        var found = _values.TryGetValue(key, out var entry) && entry.Value is bool;
        value = found && (bool)entry!.Value;
        return found;
    }

    public long GetInt64(string key) => Require(key, TryGetInt64(key, out var value), value);

    public bool TryGetInt64(string key, out long value)
    {
        value = 0;
        return _values.TryGetValue(key, out var entry) && TryWiden(entry.Value, out value);
    }

    public uint GetUInt32(string key) => Require(key, TryGetUInt32(key, out var value), value);

    public bool TryGetUInt32(string key, out uint value)
    {
        var found = TryGetInt64(key, out var wide) && wide is >= 0 and <= uint.MaxValue;
        value = found ? (uint)wide : 0;
        return found;
    }

    public int GetInt32(string key) => Require(key, TryGetInt32(key, out var value), value);

    public bool TryGetInt32(string key, out int value)
    {
        var found = TryGetInt64(key, out var wide) && wide is >= int.MinValue and <= int.MaxValue;
        value = found ? (int)wide : 0;
        return found;
    }

    public float GetFloat(string key) => (float)GetDouble(key);

    public bool TryGetFloat(string key, out float value)
    {
        var found = TryGetDouble(key, out var wide);
        value = (float)wide;
        return found;
    }

    public double GetDouble(string key) => Require(key, TryGetDouble(key, out var value), value);

    public bool TryGetDouble(string key, out double value)
    {
        (var found, value) = _values.TryGetValue(key, out var entry) ? entry.Value switch
        {
            float single => (true, single),
            double wide => (true, wide),
            _ => (false, 0d),
        } : (false, 0d);
        return found;
    }

    public GgufArray GetArray(string key) => Require(key, TryGetArray(key, out var value), value);

    public bool TryGetArray(string key, [NotNullWhen(true)] out GgufArray? value)
    {
        value = _values.TryGetValue(key, out var entry) ? entry.Value as GgufArray : null;
        return value is not null;
    }

    /// <summary>The array's items as <typeparamref name="T"/>[], e.g. string[] for tokens, float[] for scores.</summary>
    public T[] GetArray<T>(string key) => Require(key, TryGetArray<T>(key, out var value), value);

    public bool TryGetArray<T>(string key, [NotNullWhen(true)] out T[]? value)
    {
        value = TryGetArray(key, out var array) ? array.Items as T[] : null;
        return value is not null;
    }

    /// <summary>Any integer value that fits a long; false for every other type.</summary>
    internal static bool TryWiden(object value, out long wide)
    {
        (var ok, wide) = value switch
        {
            byte v => (true, v),
            sbyte v => (true, v),
            ushort v => (true, v),
            short v => (true, v),
            uint v => (true, v),
            int v => (true, v),
            long v => (true, v),
            ulong v when v <= long.MaxValue => (true, (long)v),
            _ => (false, 0L),
        };
        return ok;
    }

    private T Require<T>(string key, bool found, T? value) => found
        ? value!
        : _values.TryGetValue(key, out var entry)
            ? throw new InvalidCastException($"metadata '{key}' is {entry.Type}, not {typeof(T).Name}")
            : throw new KeyNotFoundException($"metadata '{key}' is not in the file");
}
