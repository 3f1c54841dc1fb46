using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>A model the fuzzer mutates: its parsed header and its data section's bytes, read once.</summary>
internal sealed record GgufSeed(string Name, GgufFile File, byte[] Data)
{
    public static GgufSeed Load(string path)
    {
        var file = GgufReader.Read(path);
        using var stream = System.IO.File.OpenRead(path);
        stream.Position = file.DataOffset;
        var data = new byte[stream.Length - file.DataOffset];
        stream.ReadExactly(data);
        return new GgufSeed(Path.GetFileNameWithoutExtension(path), file, data);
    }

    public string Architecture => File.Metadata.TryGetString(GgufKeys.Architecture, out var architecture) ? architecture : "llama";
}
