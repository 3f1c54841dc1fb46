namespace EdgeAspire.PromptApi.Api;

/// <summary>A request field is missing, of the wrong type or out of range (HTTP 400, naming the parameter).</summary>
internal sealed class RequestValidationException(string param, string message, string? code = null) : Exception(message)
{
    public string Param { get; } = param;

    public string? Code { get; } = code;
}
