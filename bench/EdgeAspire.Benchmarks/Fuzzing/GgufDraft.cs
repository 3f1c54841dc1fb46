using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>A seed's header taken apart so that mutations can change any field, then written back as GGUF bytes
/// (whatever the fields say, valid or not) followed by the seed's tensor data.</summary>
internal sealed class GgufDraft(GgufSeed seed)
{
    public GgufSeed Seed { get; } = seed;

    public List<KeyValuePair<string, GgufValue>> Metadata { get; } = [.. seed.File.Metadata.Entries];

    public List<GgufTensorInfo> Tensors { get; } = [.. seed.File.Tensors];

    public uint Version { get; set; } = seed.File.Version;

    /// <summary>What the data section is padded to, which need not be what <c>general.alignment</c> says.</summary>
    public uint Padding { get; set; } = seed.File.Alignment;

    public string Architecture => Seed.Architecture;

    public int IndexOf(string key) => Metadata.FindIndex(entry => entry.Key == key);

    public GgufValue? Get(string key) => IndexOf(key) is var i and >= 0 ? Metadata[i].Value : null;

    /// <summary>Replaces the value of <paramref name="key"/> in place, or adds it at the end.</summary>
    public void Set(string key, GgufValue value)
    {
        var entry = new KeyValuePair<string, GgufValue>(key, value);
        if (IndexOf(key) is var i and >= 0)
        {
            Metadata[i] = entry;
        }
        else
        {
            Metadata.Add(entry);
        }
    }

    /// <summary>The file, and where its header (everything before the tensor data) ends.</summary>
    public (byte[] Bytes, int HeaderLength) Write()
    {
        using var stream = new MemoryStream();
        GgufHeaderWriter.Write(stream, Metadata, Tensors, Version, Padding);
        var headerLength = (int)stream.Length;
        stream.Write(Seed.Data);
        return (stream.ToArray(), headerLength);
    }
}
