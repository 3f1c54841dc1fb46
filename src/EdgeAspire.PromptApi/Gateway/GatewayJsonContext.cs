using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>The only field of a request body the gateway reads; the worker validates the rest.</summary>
internal sealed record ModelField(string? Model);

/// <summary>The workers' model objects, passed on as they sent them.</summary>
internal sealed record MergedModelList(string Object, IReadOnlyList<JsonElement> Data);

// The same reading rules as the workers' context, so the gateway refuses no body a worker would accept.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ModelField))]
[JsonSerializable(typeof(MergedModelList))]
[JsonSerializable(typeof(GatewayWorkerList))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
