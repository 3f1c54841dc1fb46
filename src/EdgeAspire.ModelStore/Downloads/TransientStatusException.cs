namespace EdgeAspire.ModelStore.Downloads;

/// <summary>An upstream answer worth retrying (5xx, 408, 429).</summary>
internal sealed class TransientStatusException(int status, string? reason)
    : Exception($"HTTP {status} {reason}".TrimEnd())
{
    public int Status { get; } = status;

    public static bool IsTransient(int status) => status is 408 or 429 or >= 500;
}
