using EdgeAspire.Hosting.Publishing.Input;
using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>
/// The Evaluator as a suspended Job (resumed to run a benchmark) whose reports, result store and any dataset the
/// user copies in live on a PersistentVolumeClaim, so they outlive the pod (the output's README.md says how to copy
/// them out).
/// </summary>
internal static class EvaluatorManifests
{
    public const string DataPath = "/data";
    public const string DataCapacity = "2Gi";

    public static string ClaimName(PublishedProject evaluator) => $"{evaluator.Name}-data";

    public static ManifestFile Create(PublishedProject evaluator, K3sContext context)
    {
        var target = evaluator.References.FirstOrDefault(r => r.HasHttpEndpoint)
            ?? throw new AppHostUsageException($"{evaluator.Name}: the Evaluator needs a reference to the gateway (or a worker) it measures");
        var model = context.Resources.SelectMany(r => r.Models).FirstOrDefault()
            ?? throw new AppHostUsageException($"{evaluator.Name}: the Evaluator's Job measures a model, and no worker serves one");
        var env = K3sContext.CommonEnv(evaluator).RequireSecret("OPENAI_API_KEY", ClusterSecret.ApiKey);
        var container = ProjectManifests.Container(evaluator, context, env, Kube.Resources("500m", "256Mi", "1Gi"));
        // The Hub is the default dataset source; an offline cluster copies the JSONL into the volume and passes its path.
        container.Args =
        [
            "conversations", "--endpoint", $"{K3sContext.Address(target)}/v1", "--model", model.Id,
            "--conversations", "5", "--dataset", "hub", "--out", $"{DataPath}/results",
        ];
        container.VolumeMounts = [Kube.Mount("data", DataPath)];
        var pod = Kube.Pod(container);
        pod.RestartPolicy = "Never";
        pod.Volumes = [new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = ClaimName(evaluator) } }];
        var job = new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = Kube.Metadata(evaluator.Name, "evaluator"),
            Spec = new V1JobSpec
            {
                // Created suspended so that `kubectl apply -k` does not start a benchmark.
                Suspend = true,
                BackoffLimit = 0,
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = Kube.Labels(evaluator.Name, "evaluator") }, Spec = pod },
            },
        };
        return new ManifestFile($"{evaluator.Name}-job.yaml", [Kube.Claim(ClaimName(evaluator), "evaluator", DataCapacity, context.Settings.StorageClass), job]);
    }
}
