using System.Globalization;

namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>
/// The environment a resource gets wherever it runs: Aspire's service discovery keys
/// (<c>services__{name}__http__{i}</c>), the gateway's worker list, its service name for telemetry, and what the
/// composition set with <c>WithEnvironment</c> (last, so it wins). Where it runs adds addresses and model paths.
/// </summary>
internal static class ResourceEnvironment
{
    public static Dictionary<string, string> Build(PublishedProject resource, Func<PublishedProject, IReadOnlyList<string>> addressesOf)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(addressesOf);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OTEL_SERVICE_NAME"] = resource.Name,
        };
        foreach (var reference in resource.References.Where(r => r.HasHttpEndpoint))
        {
            var addresses = addressesOf(reference);
            for (var i = 0; i < addresses.Count; i++)
            {
                environment[$"services__{reference.Name}__http__{i.ToString(CultureInfo.InvariantCulture)}"] = addresses[i];
            }
        }
        if (resource.Role == ResourceRole.Gateway)
        {
            var workers = resource.References.Where(r => r.Role == ResourceRole.Worker).ToList();
            for (var i = 0; i < workers.Count; i++)
            {
                environment[$"PromptApi__Gateway__Workers__{i.ToString(CultureInfo.InvariantCulture)}"] = workers[i].Name;
            }
        }
        foreach (var (key, value) in resource.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }
}
