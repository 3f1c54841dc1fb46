using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Projects;

namespace EdgeAspire.Hosting;

/// <summary>The EdgeAspire resources: the ModelStore, PromptApi workers and gateway, the Evaluator.</summary>
public static class EdgeResourceExtensions
{
    /// <summary>The small chat model of the ModelStore's built-in catalog, served when no local file is given.</summary>
    public const string DefaultModelId = "qwen2.5-0.5b-instruct";

    public static IResourceBuilder<ProjectResource> AddModelStore(this EdgeApplicationBuilder builder, string name = "modelstore")
    {
        ArgumentNullException.ThrowIfNull(builder);
        var store = builder.AddProject(name, EdgeProject.ModelStore, ResourceRole.ModelStore);
        // The store's own setting for a Hub mirror; HF_ENDPOINT is what Hugging Face's tools read.
        return Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } hub
            ? store.WithEnvironment("ModelStore__Endpoint", hub)
            : store;
    }

    public static IResourceBuilder<ProjectResource> AddPromptApi(this EdgeApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddProject(name, EdgeProject.PromptApi, ResourceRole.Worker);
    }

    /// <summary>Serves <paramref name="modelId"/> from the ModelStore's catalog (pulled on first use).</summary>
    public static IResourceBuilder<ProjectResource> WithModel(this IResourceBuilder<ProjectResource> worker, string modelId) =>
        worker.WithModel(new ModelSpec(modelId, null));

    /// <summary>Serves a local GGUF file; its id is the file name without <c>.gguf</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithModelFile(this IResourceBuilder<ProjectResource> worker, string path) =>
        worker.WithModel(new ModelSpec(Path.GetFileNameWithoutExtension(path), Path.GetFullPath(path)));

    public static IResourceBuilder<ProjectResource> WithModel(this IResourceBuilder<ProjectResource> worker, ModelSpec model)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(model);
        if (worker.Resource.Role != ResourceRole.Worker)
        {
            throw new InvalidOperationException($"'{worker.Resource.Name}' is not a PromptApi worker: only workers serve models");
        }
        worker.Resource.Models.Add(model);
        return worker;
    }

    /// <summary>Serves <paramref name="sequences"/> requests at once (<c>PromptApi:ParallelSequences</c>); on K3s the
    /// pod's memory is sized for that many KV caches.</summary>
    public static IResourceBuilder<ProjectResource> WithParallelSequences(this IResourceBuilder<ProjectResource> worker, int sequences)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequences, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequences, 256); // llama.cpp's LLAMA_MAX_SEQ
        if (worker.Resource.Role != ResourceRole.Worker)
        {
            throw new InvalidOperationException($"'{worker.Resource.Name}' is not a PromptApi worker: only workers run sequences");
        }
        worker.Resource.ParallelSequences = sequences;
        return worker.WithEnvironment("PromptApi__ParallelSequences", sequences.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A PromptApi in gateway mode in front of <paramref name="workers"/> (routing by the request's model).</summary>
    public static IResourceBuilder<ProjectResource> AddGateway(this EdgeApplicationBuilder builder, string name, IEnumerable<IResourceBuilder<ProjectResource>> workers)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(workers);
        var gateway = builder.AddProject(name, EdgeProject.PromptApi, ResourceRole.Gateway)
            .WithEnvironment("PromptApi__Mode", "gateway");
        foreach (var worker in workers)
        {
            gateway.WithReference(worker).WaitFor(worker);
        }
        return gateway;
    }

    /// <summary>The Evaluator, run on demand (<c>evaluate …</c> locally, a Job on K3s) against <paramref name="target"/>.</summary>
    public static IResourceBuilder<ProjectResource> AddEvaluator(this EdgeApplicationBuilder builder, string name, IResourceBuilder<ProjectResource> target)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(target);
        var evaluator = builder.AddProject(name, EdgeProject.Evaluator, ResourceRole.Evaluator).WithReference(target).WaitFor(target);
        evaluator.Resource.HasHttpEndpoint = false;
        return evaluator;
    }

    /// <summary>The models given with <c>--model-file</c>, else the catalog's default chat model (DESIGN §9).</summary>
    public static IReadOnlyList<ModelSpec> ModelsToServe(this EdgeApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var files = builder.Arguments.ModelFiles;
        return files.Count == 0
            ? [new ModelSpec(DefaultModelId, null)]
            : [.. files.Select(f => new ModelSpec(Path.GetFileNameWithoutExtension(f), f))];
    }
}
