using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.Hosting;

/// <summary>PromptApi workers (llama.cpp, one or more models each) and the gateway that routes to them by model.</summary>
public static class PromptApiBuilderExtensions
{
    /// <summary>The small chat model of the ModelStore's built-in catalog, served when no local file is given.</summary>
    public const string DefaultModelId = "qwen2.5-0.5b-instruct";

    /// <summary>A worker; it is ready (<c>/health</c>) once it can serve a model, and a worker given catalog models
    /// is asked for one token of each while Aspire waits for it, which makes it fetch them through the ModelStore.</summary>
    public static IResourceBuilder<ProjectResource> AddPromptApi(this IDistributedApplicationBuilder builder, string name)
    {
        var worker = builder.AddEdgeProject<EdgeProjects.PromptApiProject>(name, ResourceRole.Worker).WithHttpEndpoint().WithClusterProbes()
            // Liveness waits until the worker is first ready: a multi-GB model read from a Pi's SD card or NVMe and
            // checked by the admission probe can take minutes (here: up to 15), and must not be killed meanwhile.
            .WithClusterProbe(ProbeType.Startup, "/health", periodSeconds: 10, failureThreshold: 90);
        var check = $"{name}-models-ready";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(check, _ => new WorkerReadyCheck(worker.Resource), HealthStatus.Unhealthy, tags: null));
        return worker.WithHealthCheck(check);
    }

    /// <summary>Serves <paramref name="modelId"/> from the ModelStore's catalog (pulled on first use).</summary>
    public static IResourceBuilder<ProjectResource> WithModel(this IResourceBuilder<ProjectResource> worker, string modelId) =>
        worker.WithModel(new ModelSpec(modelId, null));

    /// <summary>Serves a local GGUF file; its id is the file name without <c>.gguf</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithModelFile(this IResourceBuilder<ProjectResource> worker, string path) =>
        worker.WithModel(new ModelSpec(Path.GetFileNameWithoutExtension(path), Path.GetFullPath(path)));

    public static IResourceBuilder<ProjectResource> WithModel(this IResourceBuilder<ProjectResource> worker, ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireWorker(worker);
        worker.WithAnnotation(new ServedModelAnnotation(model), ResourceAnnotationMutationBehavior.Append);
        return model.FilePath is { } path && worker.ApplicationBuilder.ExecutionContext.IsRunMode
            ? worker.WithEnvironment($"PromptApi__Models__{model.Id}", path)
            : worker;
    }

    /// <summary>Serves <paramref name="sequences"/> requests at once (<c>PromptApi:ParallelSequences</c>); on K3s the
    /// pod's memory is sized for that many KV caches.</summary>
    public static IResourceBuilder<ProjectResource> WithParallelSequences(this IResourceBuilder<ProjectResource> worker, int sequences)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequences, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequences, 256); // llama.cpp's LLAMA_MAX_SEQ
        RequireWorker(worker);
        return worker.WithAnnotation(new ParallelSequencesAnnotation(sequences), ResourceAnnotationMutationBehavior.Replace)
            .WithEnvironment("PromptApi__ParallelSequences", sequences.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The user's setting for parallel sequences (0: chosen by the worker from its cores and memory).</summary>
    public static IResourceBuilder<ProjectResource> WithParallelSequences(this IResourceBuilder<ProjectResource> worker, IResourceBuilder<ParameterResource> sequences) =>
        RequireWorker(worker).WithEnvironment("PromptApi__ParallelSequences", sequences);

    /// <summary>Bytes the worker's loaded models may take together (0: 75 % of the memory it can use).</summary>
    public static IResourceBuilder<ProjectResource> WithMemoryBudget(this IResourceBuilder<ProjectResource> worker, IResourceBuilder<ParameterResource> bytes) =>
        RequireWorker(worker).WithEnvironment("PromptApi__MemoryBudget", bytes);

    /// <summary>Requires <c>Authorization: Bearer &lt;key&gt;</c> on <c>/v1</c> (workers and gateway alike; the gateway
    /// sends it to the workers); null leaves the API open.</summary>
    public static IResourceBuilder<ProjectResource> WithApiKey(this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource>? key) =>
        key is null ? service : service.WithEnvironment("PromptApi__ApiKeys__0", key);

    /// <summary>A secret parameter for the API key when the user set one (<c>Parameters:{name}</c>, e.g. with
    /// <c>dotnet user-secrets</c>); null otherwise, which leaves the API open as on a laptop.</summary>
    public static IResourceBuilder<ParameterResource>? AddOptionalApiKey(this IDistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return string.IsNullOrEmpty(builder.Configuration[$"Parameters:{name}"]) ? null : builder.AddParameter(name, secret: true);
    }

    /// <summary>A PromptApi in gateway mode in front of <paramref name="workers"/> (routing by the request's model).</summary>
    public static IResourceBuilder<ProjectResource> AddGateway(this IDistributedApplicationBuilder builder, string name, IEnumerable<IResourceBuilder<ProjectResource>> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var gateway = builder.AddEdgeProject<EdgeProjects.PromptApiProject>(name, ResourceRole.Gateway).AsHttpService()
            .WithEnvironment("PromptApi__Mode", "gateway");
        var index = 0;
        foreach (var worker in workers)
        {
            RequireWorker(worker);
            gateway.WithReference(worker).WaitFor(worker)
                .WithEnvironment($"PromptApi__Gateway__Workers__{(index++).ToString(CultureInfo.InvariantCulture)}", worker.Resource.Name);
        }
        if (builder.ExecutionContext.IsRunMode)
        {
            // Next to Aspire's own "Login to the dashboard at …" line: where a client (or curl) goes.
            builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (e, _) =>
            {
                var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeAspire");
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("OpenAI-compatible endpoint: {Endpoint}", new Uri(new Uri(gateway.Resource.GetEndpoint("http").Url), "v1"));
                }
                return Task.CompletedTask;
            });
        }
        return gateway;
    }

    private static IResourceBuilder<ProjectResource> RequireWorker(IResourceBuilder<ProjectResource> worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return worker.Resource.RoleOf() == ResourceRole.Worker ? worker
            : throw new InvalidOperationException($"'{worker.Resource.Name}' is not a PromptApi worker: only workers serve models");
    }
}
