using System.Text.Json.Serialization;

namespace EdgeAspire.PromptApi.Api.Contracts;

/// <summary>OpenAI's error shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed record ErrorResponse(ErrorBody Error);

/// <remarks><c>param</c> and <c>code</c> are written even when null: OpenAI always sends all four keys and clients
/// index them (<c>error["code"]</c>).</remarks>
internal sealed record ErrorBody(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
