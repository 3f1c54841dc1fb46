using EdgeAspire.PromptApi.Api;

namespace EdgeAspire.PromptApi.Gateway;

internal static class RequestedModel
{
    /// <summary>The body's <c>model</c>, read from a buffered copy of the body (Kestrel's body limit still applies)
    /// that is rewound for forwarding, and rewound again if the request must go to another replica.</summary>
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        var body = await RequestBody.ReadAsync(request, GatewayJsonContext.Default.ModelField, cancellationToken).ConfigureAwait(false);
        request.Body.Position = 0;
        return string.IsNullOrWhiteSpace(body.Model) ? throw new RequestValidationException("model", "'model' is required.") : body.Model;
    }
}
