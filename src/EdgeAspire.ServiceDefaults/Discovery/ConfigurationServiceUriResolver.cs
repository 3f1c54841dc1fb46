using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace EdgeAspire.ServiceDefaults.Discovery;

/// <summary>
/// Reads <c>services:{name}:{endpointName}:{index}</c> (Aspire's convention; from the environment as
/// <c>services__modelstore__http__0</c>) into a snapshot that is rebuilt when configuration reloads.
/// </summary>
internal sealed class ConfigurationServiceUriResolver : IServiceUriResolver, IDisposable
{
    private const string SectionName = "services";

    private readonly IConfiguration _configuration;
    private readonly IDisposable _reloadRegistration;
    private volatile Dictionary<string, Dictionary<string, ServiceEndpointSet>> _services;

    public ConfigurationServiceUriResolver(IConfiguration configuration)
    {
        _configuration = configuration;
        _services = Read(configuration);
        _reloadRegistration = ChangeToken.OnChange(configuration.GetReloadToken, () => _services = Read(_configuration));
    }

    public IReadOnlyList<Uri> GetEndpoints(string serviceName, string endpointNames = "https+http")
    {
        ArgumentNullException.ThrowIfNull(serviceName);
        ArgumentNullException.ThrowIfNull(endpointNames);
        return Find(serviceName, endpointNames.Split('+'))?.Endpoints ?? [];
    }

    public bool TryResolve(Uri uri, [NotNullWhen(true)] out Uri? resolved)
    {
        ArgumentNullException.ThrowIfNull(uri);
        resolved = null;
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        var (serviceName, endpointNames) = Parse(uri);
        if (Find(serviceName, endpointNames) is not { } set)
        {
            return false;
        }

        var endpoint = set.Next();
        var basePath = endpoint.AbsolutePath.TrimEnd('/');
        resolved = new Uri(endpoint.GetLeftPart(UriPartial.Authority) + basePath + uri.PathAndQuery);
        return true;
    }

    public void Dispose() => _reloadRegistration.Dispose();

    // "http://_grpc.modelstore" names the endpoint; otherwise the scheme does, "https+http" meaning "https, else http".
    private static (string ServiceName, string[] EndpointNames) Parse(Uri uri)
    {
        var host = uri.Host;
        if (host.StartsWith('_') && host.IndexOf('.', StringComparison.Ordinal) is var dot and > 1)
        {
            return (host[(dot + 1)..], [host[1..dot]]);
        }

        return (host, uri.Scheme.Split('+'));
    }

    private ServiceEndpointSet? Find(string serviceName, string[] endpointNames)
    {
        if (!_services.TryGetValue(serviceName, out var endpoints))
        {
            return null;
        }

        foreach (var name in endpointNames)
        {
            if (endpoints.TryGetValue(name, out var set))
            {
                return set;
            }
        }

        return null;
    }

    private static Dictionary<string, Dictionary<string, ServiceEndpointSet>> Read(IConfiguration configuration)
    {
        var services = new Dictionary<string, Dictionary<string, ServiceEndpointSet>>(StringComparer.OrdinalIgnoreCase);
        foreach (var service in configuration.GetSection(SectionName).GetChildren())
        {
            var endpoints = new Dictionary<string, ServiceEndpointSet>(StringComparer.OrdinalIgnoreCase);
            foreach (var endpointName in service.GetChildren())
            {
                var uris = endpointName.GetChildren()
                    .Select(index => (Index: int.TryParse(index.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue, index.Value))
                    .OrderBy(entry => entry.Index)
                    .Select(entry => Uri.TryCreate(entry.Value, UriKind.Absolute, out var uri) ? uri : null)
                    .OfType<Uri>()
                    .ToArray();
                if (uris.Length > 0)
                {
                    endpoints[endpointName.Key] = new ServiceEndpointSet(uris);
                }
            }

            if (endpoints.Count > 0)
            {
                services[service.Key] = endpoints;
            }
        }

        return services;
    }
}
