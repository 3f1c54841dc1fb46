namespace EdgeAspire.PromptApi.Api.Contracts;

/// <summary>OpenAI's error shape: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed record ErrorResponse(ErrorBody Error);

internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code);
