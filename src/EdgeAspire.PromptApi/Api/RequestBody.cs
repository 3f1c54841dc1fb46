using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace EdgeAspire.PromptApi.Api;

internal static class RequestBody
{
    /// <summary>Reads and parses the JSON body; malformed JSON and wrong types become <see cref="JsonException"/>
    /// (HTTP 400), a body over the size limit <see cref="BadHttpRequestException"/> (413).</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestValidationException("Content-Type", $"Expected Content-Type application/json, got '{contentType}'.");
        }
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken).ConfigureAwait(false)
                ?? throw new RequestValidationException("body", "The request body must be a JSON object.");
        }
        catch (InvalidOperationException)
        {
            // A typed string field (model, role, …) with a lone surrogate escape or bytes that are not UTF-8.
            throw JsonText.Invalid("body");
        }
    }
}
