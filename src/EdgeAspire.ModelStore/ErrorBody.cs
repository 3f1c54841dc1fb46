namespace EdgeAspire.ModelStore;

/// <summary>The inner object of OpenAI's error JSON, <c>{"error":{"message","type","param","code"}}</c>, as the PromptApi answers.</summary>
internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code)
{
    public static ErrorBody From(ModelStoreException e) => new(e.Message, e.Type, e.Param, e.Code);
}

internal sealed record ErrorResponse(ErrorBody Error);
