namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>A clock that moves one second per reading, so "least recently used" never ties.</summary>
internal sealed class SteppingTime : TimeProvider
{
    private long _seconds;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddSeconds(Interlocked.Increment(ref _seconds));
}
