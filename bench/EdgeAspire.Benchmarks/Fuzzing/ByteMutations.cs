using System.Buffers.Binary;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>Changes to the written bytes, for what a well-formed writer never produces: counts and string lengths
/// that lie, unknown value types, bit flips, a wrong version, and files cut short.</summary>
internal static class ByteMutations
{
    private static readonly ulong[] s_lengths = [0, 1, 2, 7, 8, 255, 65535, 1UL << 31, uint.MaxValue, (1UL << 62) + 1, ulong.MaxValue, ulong.MaxValue - 7];

    public static IReadOnlyList<(string Name, Func<Random, byte[], int, (byte[] Bytes, string Detail)> Apply)> All { get; } =
    [
        ("truncate", Truncate),
        ("header-word", HeaderWord),
        ("count", Count),
        ("bit-flip", BitFlip),
        ("version", Version),
    ];

    private static (byte[], string) Truncate(Random random, byte[] bytes, int headerLength)
    {
        // A second cut may find the file already shorter than its header.
        headerLength = Math.Min(headerLength, bytes.Length);
        var length = random.Next(5) switch
        {
            0 => random.Next(headerLength),
            1 => headerLength,
            2 => random.Next(headerLength, bytes.Length),
            3 => Math.Max(0, bytes.Length - 1),
            _ => random.Next(0, Math.Min(32, bytes.Length + 1)),
        };
        return (bytes[..length], $"cut to {length} of {bytes.Length} bytes");
    }

    /// <summary>A 1-, 4- or 8-byte field anywhere in the header: a string length, a type id, a count, a dimension.</summary>
    private static (byte[], string) HeaderWord(Random random, byte[] bytes, int headerLength)
    {
        int[] widths = [1, 4, 8];
        var width = widths[random.Next(widths.Length)];
        var at = random.Next(Math.Max(1, headerLength - width));
        var value = s_lengths[random.Next(s_lengths.Length)];
        Span<byte> word = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(word, value);
        word[..width].CopyTo(bytes.AsSpan(at));
        return (bytes, $"{width} bytes at {at} = {value:X}");
    }

    private static (byte[], string) Count(Random random, byte[] bytes, int headerLength)
    {
        // Tensor count at byte 8, key/value count at 16.
        var at = random.Next(2) == 0 ? 8 : 16;
        var original = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(at));
        ulong[] values = [0, original - 1, original + 1, original * 2, .. s_lengths];
        var value = values[random.Next(values.Length)];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), value);
        return (bytes, $"{(at == 8 ? "tensor" : "key/value")} count {value}");
    }

    private static (byte[], string) BitFlip(Random random, byte[] bytes, int headerLength)
    {
        var flips = random.Next(1, 9);
        for (var i = 0; i < flips; i++)
        {
            bytes[random.Next(headerLength)] ^= (byte)(1 << random.Next(8));
        }
        return (bytes, $"{flips} bits flipped in the header");
    }

    private static (byte[], string) Version(Random random, byte[] bytes, int headerLength)
    {
        uint[] versions = [0, 1, 2, 4, 0x03000000, uint.MaxValue];
        var version = versions[random.Next(versions.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), version);
        return (bytes, $"version {version}");
    }
}
