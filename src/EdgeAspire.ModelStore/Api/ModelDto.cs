namespace EdgeAspire.ModelStore.Api;

/// <summary>A catalog entry with its local state: <c>absent</c>, <c>downloading</c> or <c>present</c>.</summary>
internal sealed record ModelDto(
    string Id,
    string State,
    string? Repo,
    string? File,
    string? Revision,
    string? Quantization,
    string? Parameters,
    string? License,
    long? Size,
    string? Sha256,
    DateTimeOffset? LastUsed,
    bool Pinned,
    long? DownloadedBytes,
    long? TotalBytes,
    string? Source);

internal sealed record ModelList(IReadOnlyList<ModelDto> Data, string Object = "list");

/// <summary>Body of <c>POST /models/import</c> in its JSON form: a GGUF already on the store's machine.</summary>
internal sealed record ImportRequest(string? Path, string? Id);
