using System.Globalization;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>Sizes as people and Kubernetes write them: <c>8GiB</c>, <c>8Gi</c>, <c>512MiB</c>, <c>8G</c>, bytes.</summary>
public static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] s_suffixes =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("K", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("B", 1),
    ];

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        var (suffix, factor) = s_suffixes.FirstOrDefault(s => trimmed.EndsWith(s.Suffix, StringComparison.OrdinalIgnoreCase));
        var number = suffix is null ? trimmed : trimmed[..^suffix.Length];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }
        bytes = (long)Math.Ceiling(value * (suffix is null ? 1 : factor));
        return true;
    }

    /// <summary>Mebibytes rounded up, as Kubernetes quantities (<c>1536Mi</c>).</summary>
    public static string ToMebibytes(long bytes) => $"{(bytes + (1L << 20) - 1) >> 20}Mi";

    public static string ToGibibytes(long bytes) => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB";
}
