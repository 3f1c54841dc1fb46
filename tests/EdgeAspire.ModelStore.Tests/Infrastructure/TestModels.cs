using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>Small valid GGUF files written once per run by <see cref="GgufWriter"/>.</summary>
internal static class TestModels
{
    public const string File = "tiny-Q8_0.gguf";

    private static readonly Lazy<byte[]> s_small = new(() => Write(new GgufModelShape("store-test", 1024, 128, 2, 4, 2, 256, 512), GgmlType.F32));

    /// <summary>About 1.6 MB: big enough for many 64 KiB chunks, small enough for 100 trials in seconds.</summary>
    public static byte[] Small => s_small.Value;

    /// <summary><see cref="Small"/> with its RMS epsilon set to NaN: a file that parses and that llama.cpp aborts on.</summary>
    public static byte[] NanEpsilon()
    {
        var bytes = (byte[])Small.Clone();
        var key = System.Text.Encoding.UTF8.GetBytes(GgufKeys.RmsEpsilon("llama"));
        var value = bytes.AsSpan().IndexOf(key) + key.Length + sizeof(uint); // after the key comes its type, then the F32
        BitConverter.TryWriteBytes(bytes.AsSpan(value), float.NaN);
        return bytes;
    }

    public static byte[] Write(GgufModelShape shape, GgmlType type, int seed = 1)
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgeaspire-store-{Guid.NewGuid():N}.gguf");
        try
        {
            GgufWriter.Write(path, shape, type, seed);
            return System.IO.File.ReadAllBytes(path);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }
}
