using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting;

/// <summary>What every EdgeAspire service gets, whatever its role.</summary>
internal static class EdgeProjectExtensions
{
    /// <summary>One span event per generated token: a 500-token answer needs more than the SDK's 128.</summary>
    public const string SpanEventLimit = "4096";

    public const string CaptureMessageContent = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    public static IResourceBuilder<ProjectResource> AddEdgeProject<TProject>(this IDistributedApplicationBuilder builder, string name, ResourceRole role)
        where TProject : IProjectMetadata, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ResourceNames.Validate(name);
        var resource = builder.AddProject<TProject>(name).WithAnnotation(new EdgeRoleAnnotation(role));
        if (builder.ExecutionContext.IsRunMode)
        {
            resource.WithEnvironment("OTEL_SPAN_EVENT_COUNT_LIMIT", SpanEventLimit)
                // Aspire turns this on for every project it runs; prompts and answers are the user's data, so they
                // reach telemetry only when the user sets it for the AppHost (the GenAI conventions' opt-in).
                .WithEnvironment(CaptureMessageContent, IsTrue(builder.Configuration[CaptureMessageContent]) ? "true" : "false")
                // Per-request logs of the health polls would drown everything else (Aspire's templates do the same).
                .WithEnvironment("Logging__LogLevel__Microsoft.AspNetCore", "Warning")
                .WithEnvironment("Logging__LogLevel__System.Net.Http.HttpClient", "Warning")
                .WithEnvironment("Logging__LogLevel__Yarp", "Warning");
        }
        return resource;
    }

    /// <summary>An HTTP service: its endpoint and Aspire's wait on <c>/health</c> (ready, as ServiceDefaults maps it),
    /// which a cluster checks as probes.</summary>
    public static IResourceBuilder<ProjectResource> AsHttpService(this IResourceBuilder<ProjectResource> resource) =>
        resource.WithHttpEndpoint().WithHttpHealthCheck("/health").WithClusterProbes();

    /// <summary>Readiness on <c>/health</c>, liveness on <c>/alive</c> (ServiceDefaults' endpoints), for the publisher
    /// to write; locally Aspire's health checks decide. Annotations rather than <c>WithHttpProbe</c>, which would also
    /// register a second health check on the path AsHttpService already checks.</summary>
    public static IResourceBuilder<ProjectResource> WithClusterProbes(this IResourceBuilder<ProjectResource> resource) =>
        resource.WithClusterProbe(ProbeType.Readiness, "/health", periodSeconds: 10, failureThreshold: 3)
            .WithClusterProbe(ProbeType.Liveness, "/alive", periodSeconds: 20, failureThreshold: 3, timeoutSeconds: 5);

    public static IResourceBuilder<ProjectResource> WithClusterProbe(this IResourceBuilder<ProjectResource> resource, ProbeType type, string path,
        int periodSeconds, int failureThreshold, int timeoutSeconds = 1) =>
        resource.ApplicationBuilder.ExecutionContext.IsRunMode ? resource : resource.WithAnnotation(new EndpointProbeAnnotation
        {
            Type = type,
            Path = path,
            EndpointReference = resource.GetEndpoint("http"),
            InitialDelaySeconds = 5,
            PeriodSeconds = periodSeconds,
            TimeoutSeconds = timeoutSeconds,
            FailureThreshold = failureThreshold,
            SuccessThreshold = 1,
        });

    public static ResourceRole? RoleOf(this IResource resource) =>
        resource.TryGetLastAnnotation<EdgeRoleAnnotation>(out var role) ? role.Role : null;

    public static IEnumerable<ModelSpec> ModelsOf(this IResource resource) =>
        resource.Annotations.OfType<ServedModelAnnotation>().Select(a => a.Model);

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
