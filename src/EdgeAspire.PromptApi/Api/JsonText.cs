using System.Text.Json;

namespace EdgeAspire.PromptApi.Api;

/// <summary>
/// A JSON string as text. A lone surrogate escape (<c>"\ud800"</c>) is valid JSON, and a body may carry bytes
/// that are not UTF-8; neither is text a tokenizer can take, and System.Text.Json reports both with an
/// InvalidOperationException: here they become a 400 naming the parameter.
/// </summary>
internal static class JsonText
{
    public const string InvalidStringCode = "invalid_string";

    public static string Read(JsonElement value, string param)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Invalid(param);
        }
    }

    public static RequestValidationException Invalid(string param) =>
        new(param, $"'{param}' is not valid Unicode text: it has a lone surrogate escape or bytes that are not UTF-8.", InvalidStringCode);
}
