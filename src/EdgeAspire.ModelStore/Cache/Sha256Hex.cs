using System.Security.Cryptography;

namespace EdgeAspire.ModelStore.Cache;

internal static class Sha256Hex
{
    public static bool IsValid(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);

    public static string Of(IncrementalHash hash) => Convert.ToHexStringLower(hash.GetHashAndReset());

    /// <summary>Feeds <paramref name="length"/> bytes from the start of the stream to the hash (a resumed download's prefix).</summary>
    public static async Task AppendAsync(IncrementalHash hash, Stream stream, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        stream.Position = 0;
        for (long left = length; left > 0;)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException($"the file is shorter than {length} bytes");
            }
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
    }

    public static async Task<string> OfFileAsync(string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        await AppendAsync(hash, stream, stream.Length, cancellationToken).ConfigureAwait(false);
        return Of(hash);
    }
}
