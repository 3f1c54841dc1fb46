namespace EdgeAspire.ModelStore.Catalog;

/// <summary>
/// A model the store knows how to fetch: <c>{endpoint}/{Repo}/resolve/{Revision}/{File}</c>. Sha256 and Size may be
/// null; they then come from the Hub's metadata at pull time.
/// </summary>
internal sealed record CatalogEntry(
    string Id,
    string Repo,
    string File,
    string Revision,
    string? Quantization,
    string? Parameters,
    string? License,
    string? Sha256 = null,
    long? Size = null);
