using System.Text.Json.Serialization;

namespace EdgeAspire.PromptApi.ModelStore;

/// <summary>A model as the ModelStore lists it: <c>state</c> is <c>absent</c>, <c>downloading</c> or <c>present</c>.</summary>
internal sealed record StoreModel(string Id, string State, string? Quantization, string? Parameters, string? License, long? Size, string? Sha256);

internal sealed record StoreModelList(IReadOnlyList<StoreModel> Data);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoreModel))]
[JsonSerializable(typeof(StoreModelList))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
