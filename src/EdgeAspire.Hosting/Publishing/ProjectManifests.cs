using Aspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Publishing.Input;
using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>Any project of the composition: a Deployment with its replicas, endpoints, environment and probes, and a
/// Service for its endpoints. Our own services build on the same container.</summary>
internal static class ProjectManifests
{
    public static ManifestFile Create(PublishedProject project, K3sContext context)
    {
        var container = Container(project, context, K3sContext.CommonEnv(project), Kube.Resources("100m", "256Mi", "512Mi"));
        var deployment = Kube.Deployment(project.Name, "project", project.Replicas, Kube.Pod(container));
        return new ManifestFile($"{project.Name}.yaml", project.HasHttpEndpoint ? [deployment, Kube.Service(project.Name, "project", project.Endpoints)] : [deployment]);
    }

    /// <summary>The project's image, environment, ports, arguments and the probes it declared with <c>WithHttpProbe</c>.</summary>
    public static V1Container Container(PublishedProject project, K3sContext context, PodEnvironment env, V1ResourceRequirements resources, string? name = null)
    {
        var container = Kube.Container(name ?? project.ImageName, context.Image(project), env.Variables, resources);
        if (project.HasHttpEndpoint)
        {
            container.Ports = Kube.Ports(project.Endpoints);
        }
        if (project.Arguments.Count > 0)
        {
            container.Args = [.. project.Arguments];
        }
        container.StartupProbe = Probe(project, ProbeType.Startup);
        container.ReadinessProbe = Probe(project, ProbeType.Readiness);
        container.LivenessProbe = Probe(project, ProbeType.Liveness);
        return container;
    }

    private static V1Probe? Probe(PublishedProject project, ProbeType type) =>
        project.Probes.LastOrDefault(p => p.Type == type) is { } probe
            ? Kube.HttpProbe(probe.Path, project.Endpoints.Any(e => e.Name == probe.Endpoint) ? probe.Endpoint : project.Endpoints[0].Name,
                probe.InitialDelaySeconds, probe.PeriodSeconds, probe.FailureThreshold, probe.TimeoutSeconds)
            : null;
}
