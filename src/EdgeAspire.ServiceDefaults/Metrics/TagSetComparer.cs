namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// Lets a series map look a measurement's tag span up without building a <see cref="TagSet"/> (an alternate
/// lookup): the record path allocates only when a new series appears.
/// </summary>
internal sealed class TagSetComparer :
    IEqualityComparer<TagSet>,
    IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, TagSet>
{
    public static TagSetComparer Instance { get; } = new();

    public bool Equals(TagSet? x, TagSet? y) => x is null ? y is null : y is not null && x.Matches(y);

    public int GetHashCode(TagSet obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, TagSet other) => other.Matches(alternate);

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => TagSet.HashOf(alternate);

    public TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => TagSet.Create(alternate);
}
