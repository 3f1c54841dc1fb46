namespace EdgeAspire.ServiceDefaults.Discovery;

/// <summary>
/// Sends requests for <c>http://{service}/...</c> to a configured endpoint of that service; other hosts pass
/// through untouched.
/// </summary>
internal sealed class ServiceDiscoveryHandler(IServiceUriResolver resolver) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var logical = Resolve(request);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.RequestUri = logical;
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var logical = Resolve(request);
        try
        {
            return base.Send(request, cancellationToken);
        }
        finally
        {
            request.RequestUri = logical;
        }
    }

    // Returns the URI to put back afterwards: the resilience handler outside re-sends this same message, and a
    // retry must resolve again to land on the next endpoint.
    private Uri? Resolve(HttpRequestMessage request)
    {
        var logical = request.RequestUri;
        if (logical is not null && resolver.TryResolve(logical, out var resolved))
        {
            request.RequestUri = resolved;
        }

        return logical;
    }
}
