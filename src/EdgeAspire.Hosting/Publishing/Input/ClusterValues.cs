using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>
/// Turns the values Aspire's callbacks give in publish mode into what a pod sees in the cluster: an endpoint
/// becomes its Service's DNS name (<c>services__worker__http__0=http://worker:8080</c>), a parameter its value, a
/// secret parameter a key of the cluster's secret. Anything else is refused in one line, never guessed.
/// </summary>
internal sealed class ClusterValues(IReadOnlyDictionary<string, PublishedProject> projects, CancellationToken cancellationToken)
{
    /// <summary>HTTPS endpoints are not published: inside the cluster services speak HTTP, and Traefik terminates TLS
    /// at the edge (Aspire adds an https endpoint to every project in publish mode).</summary>
    public static bool IsServed(EndpointAnnotation endpoint) => endpoint.UriScheme is "http" or "tcp";

    /// <returns>null when the value points at something the cluster does not have (an https endpoint), so the
    /// variable is left out.</returns>
    public async ValueTask<EnvValue?> ResolveAsync(object value, string what) => value switch
    {
        string text => EnvValue.Of(text),
        ParameterResource { Secret: true } secret => EnvValue.FromSecret(secret.Name),
        ParameterResource parameter => EnvValue.Of(await ParameterValueAsync(parameter, what).ConfigureAwait(false)),
        EndpointReference endpoint => Property(endpoint, EndpointProperty.Url) is { } url ? EnvValue.Of(url) : null,
        EndpointReferenceExpression expression => Property(expression.Endpoint, expression.Property) is { } text ? EnvValue.Of(text) : null,
        ReferenceExpression expression => await FormatAsync(expression, what).ConfigureAwait(false),
        IResourceWithConnectionString resource => await FormatAsync(resource.ConnectionStringExpression, what).ConfigureAwait(false),
        _ => throw new PublishRefusedException($"{what}: a {value.GetType().Name} value cannot be written into a K3s manifest"),
    };

    private async ValueTask<EnvValue?> FormatAsync(ReferenceExpression expression, string what)
    {
        var parts = new object?[expression.ValueProviders.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await ResolveAsync(expression.ValueProviders[i], what).ConfigureAwait(false);
            if (part is null)
            {
                return null;
            }
            if (part.SecretKey is { } key)
            {
                // The only way a pod gets a secret is as a whole variable from the secret.
                return parts.Length == 1 && expression.Format == "{0}" ? part
                    : throw new PublishRefusedException($"{what}: the secret '{key}' is part of a longer value, which would put it into the manifest; pass it as a variable of its own");
            }
            parts[i] = part.Literal;
        }
        return EnvValue.Of(string.Format(CultureInfo.InvariantCulture, expression.Format, parts));
    }

    private async ValueTask<string> ParameterValueAsync(ParameterResource parameter, string what)
    {
        try
        {
            return await parameter.GetValueAsync(cancellationToken).ConfigureAwait(false) ?? "";
        }
        catch (MissingParameterValueException)
        {
            throw new PublishRefusedException($"{what}: the parameter '{parameter.Name}' has no value: give it with --Parameters:{parameter.Name}=… or in the AppHost's configuration");
        }
    }

    private string? Property(EndpointReference endpoint, EndpointProperty property)
    {
        if (!projects.TryGetValue(endpoint.Resource.Name, out var target))
        {
            throw new PublishRefusedException($"'{endpoint.Resource.Name}' is referenced but is not a project: the K3s publisher writes projects only");
        }
        if (target.Endpoints.FirstOrDefault(e => e.Name == endpoint.EndpointName) is not { } published)
        {
            return null;
        }
        var port = published.Port.ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            EndpointProperty.Url => $"http://{target.Name}:{port}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => target.Name,
            EndpointProperty.Port or EndpointProperty.TargetPort => port,
            EndpointProperty.HostAndPort => $"{target.Name}:{port}",
            EndpointProperty.Scheme => "http",
            EndpointProperty.TlsEnabled => "false",
            _ => throw new PublishRefusedException($"'{target.Name}': endpoint property {property} has no meaning in the cluster"),
        };
    }
}
