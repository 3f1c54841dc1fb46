using EdgeAspire.Hosting.Publishing.Input;
using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// A PromptApi worker: sized from its models' memory estimates, scheduled on arm64 nodes and spread over them, and
/// not ready until a model is on its disk. An init container gets each model from the ModelStore first, because a
/// worker without a model fails readiness and so would never receive the request that makes it pull one.
/// </summary>
internal static class WorkerManifests
{
    public const string CurlImage = "curlimages/curl:8.11.1";
    public const string ModelsPath = "/models";

    public static ManifestFile Create(PublishedProject worker, K3sContext context)
    {
        var (sequences, sized) = Size(worker, context.Settings.NodeMemoryBytes);
        var estimate = sized.Sum(s => s.Memory.EstimateBytes);
        var limit = ByteSize.ToMebibytes(sized.Sum(s => s.Memory.LimitBytes));
        var disk = ByteSize.ToMebibytes(ModelsVolumeBytes(worker.Models));
        context.Report($"{worker.Name,-28} {string.Join(", ", worker.Models.Select(m => m.Id)),-28} {sequences} seq   estimate {ByteSize.ToGibibytes(estimate),9}   limit {limit}   disk {disk}");

        var env = K3sContext.CommonEnv(worker)
            .Set("PromptApi__ModelsPath", ModelsPath)
            .Set("PromptApi__ContextSize", Kube.Number(ModelMemory.ContextSize))
            .Set("PromptApi__ParallelSequences", Kube.Number(sequences))
            // The budget is the estimate; the cgroup limit above it is the runtime's headroom (the default, 75 % of
            // the limit, could refuse the one model this pod exists for).
            .Set("PromptApi__MemoryBudget", Kube.Number(estimate))
            .RequireSecret("PromptApi__ApiKeys__0", ClusterSecret.ApiKey)
            .SetSecret("PromptApi__ModelStoreApiKey", ClusterSecret.ModelStoreApiKey);
        var container = ProjectManifests.Container(worker, context, env, Kube.Resources("1", limit, limit, disk), name: "promptapi");
        container.VolumeMounts = [Kube.Mount("models", ModelsPath)];

        var pod = Kube.Pod(container);
        pod.NodeSelector = new Dictionary<string, string>(StringComparer.Ordinal) { ["kubernetes.io/arch"] = "arm64" };
        pod.InitContainers = [.. worker.Models.Select((m, i) => FetchModel(m, i, context))];
        // The copy lives as long as the pod; its size is bounded so that a wrong file cannot fill a node's SD card.
        pod.Volumes = [new V1Volume { Name = "models", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = disk } }];
        // Replicas of one model on different nodes where they can be, so one node going down leaves the model served.
        pod.TopologySpreadConstraints =
        [
            new V1TopologySpreadConstraint
            {
                MaxSkew = 1,
                TopologyKey = "kubernetes.io/hostname",
                WhenUnsatisfiable = "ScheduleAnyway",
                LabelSelector = Kube.Selector(worker.Name),
            },
        ];
        List<object> objects = [Kube.Deployment(worker.Name, "worker", worker.Replicas, pod, Kube.NoSurge()), Kube.Service(worker.Name, "worker", worker.Endpoints)];
        if (worker.Replicas > 1)
        {
            objects.Add(DisruptionBudget(worker.Name));
        }
        return new ManifestFile($"{worker.Name}.yaml", objects);
    }

    /// <summary>A node drain takes the model's pods down one at a time, never all of them.</summary>
    private static V1PodDisruptionBudget DisruptionBudget(string name) => new()
    {
        ApiVersion = "policy/v1",
        Kind = "PodDisruptionBudget",
        Metadata = Kube.Metadata(name, "worker"),
        Spec = new V1PodDisruptionBudgetSpec { MaxUnavailable = 1, Selector = Kube.Selector(name) },
    };

    /// <summary>The model files with a tenth more and 64 MiB for the partial copy's metadata and rounding.</summary>
    private static long ModelsVolumeBytes(IEnumerable<ModelSpec> models) =>
        (long)(models.Sum(ModelMemory.FileBytes) * 1.1) + (64L << 20);

    /// <summary>The worker's sequences and its models' memory for them: as asked, or the most of
    /// <see cref="ModelMemory.PodSequences"/>, halved, that fit the node. Refused when not even the asked number (or
    /// one) fits.</summary>
    private static (int Sequences, List<(ModelSpec Model, (long EstimateBytes, long LimitBytes, string Source) Memory)> Sized) Size(PublishedProject worker, long nodeBytes)
    {
        var sequences = worker.ParallelSequences ?? ModelMemory.PodSequences;
        while (true)
        {
            var sized = worker.Models.Select(m => (Model: m, Memory: ModelMemory.For(m, sequences))).ToList();
            var limit = sized.Sum(s => s.Memory.LimitBytes);
            if (limit <= nodeBytes)
            {
                return (sequences, sized);
            }
            if (worker.ParallelSequences is null && sequences > 1)
            {
                sequences /= 2;
                continue;
            }
            var models = string.Join(" + ", sized.Select(s => $"{s.Model.Id} ({ByteSize.ToGibibytes(s.Memory.EstimateBytes)} from its {s.Memory.Source})"));
            throw new PublishRefusedException(
                $"{worker.Name}: {models} with {sequences} sequence(s) needs {ByteSize.ToGibibytes(limit)} with headroom, more than a node's {ByteSize.ToGibibytes(nodeBytes)} (WithNodeMemory, --node-memory): serve a smaller model or quantisation, fewer sequences (WithParallelSequences), or give the real node size");
        }
    }

    private static V1Container FetchModel(ModelSpec model, int index, K3sContext context)
    {
        var store = context.StoreUrl ?? throw new AppHostUsageException("workers on K3s get their models from the ModelStore: add one with AddModelStore");
        // Ask the store to pull (a no-op when it has the file), wait until it has it, then copy it next to the worker.
        var script = string.Join('\n',
            "set -eu",
            "auth=\"Authorization: Bearer $MODELSTORE_API_KEY\"",
            "until curl -fsS -H \"$auth\" -X POST \"$STORE/models/$MODEL/pull\" -o /dev/null; do echo \"waiting for the ModelStore to accept $MODEL (import local files with: modelstore import FILE --id $MODEL)\"; sleep 10; done",
            "until curl -fsS -H \"$auth\" \"$STORE/models/$MODEL\" | grep -q '\"state\":\"present\"'; do echo \"the ModelStore is fetching $MODEL\"; sleep 10; done",
            $"curl -fsS -H \"$auth\" -o \"{ModelsPath}/$MODEL.gguf.partial\" \"$STORE/files/$MODEL\"",
            $"mv \"{ModelsPath}/$MODEL.gguf.partial\" \"{ModelsPath}/$MODEL.gguf\"");
        var env = new PodEnvironment().Set("STORE", store).Set("MODEL", model.Id).SetSecret("MODELSTORE_API_KEY", ClusterSecret.ModelStoreApiKey);
        var container = Kube.Container($"fetch-model-{index}", CurlImage, env.Variables, Kube.Resources("50m", "32Mi", "64Mi"));
        container.Command = ["/bin/sh", "-c", script];
        container.VolumeMounts = [Kube.Mount("models", ModelsPath)];
        return container;
    }
}
