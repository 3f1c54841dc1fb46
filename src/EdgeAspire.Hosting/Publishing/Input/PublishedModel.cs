using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>
/// Reads the publisher's view of the composition from Aspire's application model: our project resources with their
/// roles, models, replicas, references and waits, and the environment the composition set with plain values (what
/// Aspire itself adds, such as OTLP, ports and service discovery, the publisher writes for the cluster instead).
/// </summary>
internal static class PublishedModel
{
    private static readonly string[] s_aspireOwnedPrefixes = ["OTEL_", "ASPNETCORE_", "HTTP_PORTS", "HTTPS_PORTS", "DOTNET_", "services__", "PromptApi__Gateway__Workers__"];

    public static async Task<IReadOnlyList<PublishedProject>> ReadAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext execution, CancellationToken cancellationToken)
    {
        var ours = model.Resources.OfType<ProjectResource>()
            .Select(r => (Resource: r, Role: r.RoleOf()))
            .Where(r => r.Role is not null)
            .ToDictionary(r => (IResource)r.Resource, r => new PublishedProject(r.Resource.Name, EdgeProject.For(r.Role!.Value), r.Role!.Value));
        foreach (var (resource, published) in ours)
        {
            published.Replicas = resource.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1;
            published.HasHttpEndpoint = resource.Annotations.OfType<EndpointAnnotation>().Any();
            published.ParallelSequences = resource.TryGetLastAnnotation<ParallelSequencesAnnotation>(out var sequences) ? sequences.Sequences : null;
            published.Models.AddRange(resource.ModelsOf());
            published.References.AddRange(resource.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(a => a.Type == "Reference" && ours.ContainsKey(a.Resource)).Select(a => ours[a.Resource]).Distinct());
            published.WaitsFor.AddRange(resource.Annotations.OfType<WaitAnnotation>()
                .Where(a => ours.ContainsKey(a.Resource)).Select(a => ours[a.Resource]).Distinct());
            foreach (var (key, value) in await PlainEnvironmentAsync(resource, execution, cancellationToken).ConfigureAwait(false))
            {
                published.Environment[key] = value;
            }
        }
        return [.. ours.Values];
    }

    private static async Task<Dictionary<string, string>> PlainEnvironmentAsync(IResource resource, DistributedApplicationExecutionContext execution, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(execution, resource, values, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context).ConfigureAwait(false);
        }
        return values.Where(v => v.Value is string && !s_aspireOwnedPrefixes.Any(p => v.Key.StartsWith(p, StringComparison.Ordinal)))
            .ToDictionary(v => v.Key, v => (string)v.Value, StringComparer.Ordinal);
    }
}
