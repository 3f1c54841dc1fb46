using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>
/// Reads every project resource of Aspire's application model for the cluster: roles, models, replicas, HTTP
/// endpoints (one port each, from 8080), probes, references, waits, and the environment and arguments Aspire's
/// callbacks produce in publish mode, resolved by <see cref="ClusterValues"/>.
/// </summary>
internal static class PublishedModel
{
    public const int FirstPort = 8080;

    public static async Task<IReadOnlyList<PublishedProject>> ReadAsync(DistributedApplicationModel model, DistributedApplicationExecutionContext execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var projects = model.Resources.OfType<ProjectResource>().ToDictionary(r => (IResource)r, r => new PublishedProject(r.Name, r.RoleOf()));
        foreach (var (resource, published) in projects)
        {
            published.Endpoints.AddRange(resource.Annotations.OfType<EndpointAnnotation>().Where(ClusterValues.IsServed)
                .Select((e, i) => new PublishedEndpoint(e.Name, FirstPort + i)));
        }
        var values = new ClusterValues(projects.Values.ToDictionary(p => p.Name), cancellationToken);
        foreach (var (resource, published) in projects)
        {
            published.Replicas = resource.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1;
            published.ParallelSequences = resource.TryGetLastAnnotation<ParallelSequencesAnnotation>(out var sequences) ? sequences.Sequences : null;
            published.Models.AddRange(resource.ModelsOf());
            published.References.AddRange(resource.Annotations.OfType<ResourceRelationshipAnnotation>()
                .Where(a => a.Type == "Reference" && projects.ContainsKey(a.Resource)).Select(a => projects[a.Resource]).Distinct());
            published.WaitsFor.AddRange(resource.Annotations.OfType<WaitAnnotation>()
                .Where(a => projects.ContainsKey(a.Resource)).Select(a => projects[a.Resource]).Distinct());
            published.Probes.AddRange(resource.Annotations.OfType<EndpointProbeAnnotation>().Select(p => new PublishedProbe(
                p.Type, p.Path, p.EndpointReference.EndpointName, p.InitialDelaySeconds, p.PeriodSeconds, p.TimeoutSeconds, p.FailureThreshold)));
            await ReadEnvironmentAsync(resource, published, values, execution, cancellationToken).ConfigureAwait(false);
            await ReadArgumentsAsync(resource, published, values, execution, cancellationToken).ConfigureAwait(false);
        }
        return [.. projects.Values];
    }

    private static async Task ReadEnvironmentAsync(IResource resource, PublishedProject published, ClusterValues values, DistributedApplicationExecutionContext execution, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(execution, resource, environment, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context).ConfigureAwait(false);
        }
        foreach (var (key, value) in environment)
        {
            if (await values.ResolveAsync(value, $"{resource.Name}: {key}").ConfigureAwait(false) is { } resolved)
            {
                published.Environment.Add(new(key, resolved));
            }
        }
    }

    private static async Task ReadArgumentsAsync(IResource resource, PublishedProject published, ClusterValues values, DistributedApplicationExecutionContext execution, CancellationToken cancellationToken)
    {
        var arguments = new List<object>();
        var context = new CommandLineArgsCallbackContext(arguments, resource, cancellationToken) { ExecutionContext = execution };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context).ConfigureAwait(false);
        }
        foreach (var argument in arguments)
        {
            var resolved = await values.ResolveAsync(argument, $"{resource.Name}: argument {argument}").ConfigureAwait(false);
            published.Arguments.Add(resolved?.Literal
                ?? throw new PublishRefusedException($"{resource.Name}: a command-line argument would carry a secret into the manifest; pass it as an environment variable"));
        }
    }
}
