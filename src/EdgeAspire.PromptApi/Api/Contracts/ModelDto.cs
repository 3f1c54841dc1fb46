namespace EdgeAspire.PromptApi.Api.Contracts;

internal sealed record ModelList(string Object, IReadOnlyList<ModelDto> Data);

/// <summary>OpenAI's model object plus what the GGUF header says, under <c>meta</c>.</summary>
internal sealed record ModelDto(string Id, string Object, long Created, string OwnedBy, ModelMeta Meta);

internal sealed record ModelMeta(
    string? Architecture,
    long Parameters,
    string? Quantization,
    int? ContextLength,
    int ContextSize,
    long SizeBytes,
    long MemoryEstimateBytes,
    bool Loaded,
    bool Synthetic,
    string File);
