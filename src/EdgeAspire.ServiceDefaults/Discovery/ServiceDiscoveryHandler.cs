namespace EdgeAspire.ServiceDefaults.Discovery;

/// <summary>
/// Sends requests for <c>http://{service}/...</c> to a configured endpoint of that service; other hosts pass
/// through untouched.
/// </summary>
internal sealed class ServiceDiscoveryHandler(IServiceUriResolver resolver) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var logical = request.RequestUri;
        if (logical is null || !resolver.TryResolve(logical, out var resolved))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.RequestUri = resolved;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The resilience handler outside re-sends this same message: give it back its logical URI so that a
            // retry resolves again and can land on the next endpoint.
            request.RequestUri = logical;
        }
    }
}
