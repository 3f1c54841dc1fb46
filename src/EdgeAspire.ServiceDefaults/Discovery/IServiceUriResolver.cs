using System.Diagnostics.CodeAnalysis;

namespace EdgeAspire.ServiceDefaults.Discovery;

/// <summary>
/// Resolves logical service addresses to configured endpoints, for code that does not go through an
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/> (a reverse proxy building its destinations, a
/// health probe of a peer). Endpoints come from <c>services:{name}:{endpointName}:{index}</c>.
/// </summary>
public interface IServiceUriResolver
{
    /// <summary>
    /// The endpoints of <paramref name="serviceName"/>, in index order, for the first of
    /// <paramref name="endpointNames"/> that has any: one name (<c>"http"</c>, <c>"grpc"</c>) or several joined by
    /// <c>+</c> in order of preference, as in Aspire's <c>https+http://</c> scheme. Empty when none is configured.
    /// </summary>
    IReadOnlyList<Uri> GetEndpoints(string serviceName, string endpointNames = "https+http");

    /// <summary>
    /// Rewrites a logical URI such as <c>http://modelstore/v1/models</c>, <c>https+http://modelstore/x</c> or
    /// <c>http://_grpc.modelstore/x</c> (a named endpoint) to one configured endpoint, round-robin over indexes,
    /// keeping path and query. False when the host is not a configured service.
    /// </summary>
    bool TryResolve(Uri uri, [NotNullWhen(true)] out Uri? resolved);
}
