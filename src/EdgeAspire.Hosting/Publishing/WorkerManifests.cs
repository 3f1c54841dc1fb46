using EdgeAspire.Hosting.Publishing.Input;

using static EdgeAspire.Hosting.Publishing.K8sObjects;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// A PromptApi worker: sized from its models' memory estimates, scheduled on arm64 nodes, and not ready until a
/// model is on its disk. An init container gets each model from the ModelStore first, because a worker without a
/// model fails readiness and so would never receive the request that makes it pull one.
/// </summary>
internal static class WorkerManifests
{
    public const string CurlImage = "curlimages/curl:8.11.1";
    public const string ModelsPath = "/models";

    public static ManifestFile Create(PublishedProject worker, K3sContext context)
    {
        var (sequences, sized) = Size(worker, context.Arguments.NodeMemoryBytes);
        var estimate = sized.Sum(s => s.Memory.EstimateBytes);
        var limit = sized.Sum(s => s.Memory.LimitBytes);
        context.Report($"{worker.Name,-28} {string.Join(", ", worker.Models.Select(m => m.Id)),-28} {sequences} seq   estimate {ByteSize.ToGibibytes(estimate),9}   limit {ByteSize.ToMebibytes(limit)}");

        var env = K3sContext.CommonEnv(worker).ToList();
        env.Add(Env("PromptApi__ModelsPath", ModelsPath));
        env.Add(Env("PromptApi__ContextSize", ModelMemory.ContextSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (worker.ParallelSequences is null)
        {
            env.Add(Env("PromptApi__ParallelSequences", sequences.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        // The budget is the estimate; the cgroup limit above it is the runtime's headroom (the default, 75 % of the
        // limit, could refuse the one model this pod exists for).
        env.Add(Env("PromptApi__MemoryBudget", estimate.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var container = Container("promptapi", context.Image(worker.Project), env, Resources("1", ByteSize.ToMebibytes(limit), ByteSize.ToMebibytes(limit)));
        container["ports"] = ContainerPorts(("http", HttpPort));
        container["readinessProbe"] = HttpProbe("/health", 5, 10, 3);
        container["livenessProbe"] = HttpProbe("/alive", 15, 20, 3);
        container["volumeMounts"] = new List<Node> { new() { ["name"] = "models", ["mountPath"] = ModelsPath } };

        var pod = new Node
        {
            ["nodeSelector"] = new Node { ["kubernetes.io/arch"] = "arm64" },
            ["securityContext"] = PodSecurity(nonRootOnly: false),
            ["initContainers"] = worker.Models.Select((m, i) => FetchModel(m, i, context)).ToList(),
            ["containers"] = new List<Node> { container },
            ["volumes"] = new List<Node> { new() { ["name"] = "models", ["emptyDir"] = new Node() } },
        };
        var deployment = Deployment(worker.Name, "worker", pod);
        ((Node)deployment["spec"]!)["replicas"] = worker.Replicas;
        return new ManifestFile($"{worker.Name}.yaml", [deployment, Service(worker.Name, "worker", ("http", HttpPort, "http"))]);
    }

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
                $"{worker.Name}: {models} with {sequences} sequence(s) needs {ByteSize.ToGibibytes(limit)} with headroom, more than a node's {ByteSize.ToGibibytes(nodeBytes)} (--node-memory): serve a smaller model or quantisation, fewer sequences (WithParallelSequences), or give the real node size with --node-memory");
        }
    }

    private static Node FetchModel(ModelSpec model, int index, K3sContext context)
    {
        var store = context.StoreUrl ?? throw new AppHostUsageException("workers on K3s get their models from the ModelStore: add one with AddModelStore");
        // Ask the store to pull (a no-op when it has the file), wait until it has it, then copy it next to the worker.
        var script = string.Join('\n',
            "set -eu",
            $"until curl -fsS -X POST \"$STORE/models/$MODEL/pull\" -o /dev/null; do echo \"waiting for the ModelStore to accept $MODEL (import local files with: modelstore import FILE --id $MODEL)\"; sleep 10; done",
            "until curl -fsS \"$STORE/models/$MODEL\" | grep -q '\"state\":\"present\"'; do echo \"the ModelStore is fetching $MODEL\"; sleep 10; done",
            $"curl -fsS -o \"{ModelsPath}/$MODEL.gguf.partial\" \"$STORE/files/$MODEL\"",
            $"mv \"{ModelsPath}/$MODEL.gguf.partial\" \"{ModelsPath}/$MODEL.gguf\"");
        var container = Container($"fetch-model-{index}", CurlImage, [Env("STORE", store), Env("MODEL", model.Id)], Resources("50m", "32Mi", "64Mi"));
        container["command"] = new List<string> { "/bin/sh", "-c", script };
        container["volumeMounts"] = new List<Node> { new() { ["name"] = "models", ["mountPath"] = ModelsPath } };
        return container;
    }
}
