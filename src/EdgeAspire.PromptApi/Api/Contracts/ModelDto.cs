namespace EdgeAspire.PromptApi.Api.Contracts;

internal sealed record ModelList(string Object, IReadOnlyList<ModelDto> Data);

/// <summary>OpenAI's model object plus what the GGUF header says, under <c>meta</c>.</summary>
internal sealed record ModelDto(string Id, string Object, long Created, string OwnedBy, ModelMeta Meta);

/// <summary>A local model has every fact; one the ModelStore offers (<c>location</c> = <c>modelstore</c>) is fetched
/// on first use, and only its catalog facts are known until then. A local file that cannot be served is listed with
/// <c>available</c> false and the reason, so one bad file neither hides nor breaks the others.</summary>
internal sealed record ModelMeta(
    string Location,
    string? Architecture,
    long? Parameters,
    string? Quantization,
    int? ContextLength,
    int? ContextSize,
    int? ParallelSequences,
    long? SizeBytes,
    long? MemoryEstimateBytes,
    bool Loaded,
    bool Synthetic,
    string? File,
    string? StoreState = null,
    string? Sha256 = null,
    bool Available = true,
    string? UnavailableReason = null);
