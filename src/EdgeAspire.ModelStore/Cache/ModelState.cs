namespace EdgeAspire.ModelStore.Cache;

/// <summary>What the store knows about a finished model file; kept as <c>&lt;id&gt;.json</c> next to it.</summary>
internal sealed record ModelState(
    string Id,
    long Size,
    string Sha256,
    DateTimeOffset Added,
    DateTimeOffset LastUsed,
    bool Pinned,
    string Source);
