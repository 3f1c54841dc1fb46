using System.Text;
using EdgeAspire.Hosting.Publishing.Input;
using k8s.Models;

namespace EdgeAspire.Hosting.Publishing;

/// <summary>The output's README.md: the steps from these files to a running cluster, with this composition's names
/// (the secret's keys the manifests read, the Evaluator's volume, the namespace).</summary>
internal static class DeployReadme
{
    public static string Write(IReadOnlyList<ManifestFile> files, IReadOnlyList<PublishedProject> resources, K3sSettings settings)
    {
        var ns = settings.Namespace;
        var keys = SecretKeys(files);
        var text = new StringBuilder();
        text.Append($"""
            # Deploying to K3s

            1. Build and push the images, tagged `{settings.ImageTag}` (`deploy/docker`; one multi-arch build each for
               `{string.Join("`, `", resources.Select(r => r.ImageName).Distinct().Order(StringComparer.Ordinal).Select(i => $"{settings.Registry}/{i}"))}`).
            2. Create the namespace and the one secret the manifests read (keys are never written into these files):

               ```sh
               kubectl create namespace {ns}
               kubectl -n {ns} create secret generic {ClusterSecret.Name} \

            """);
        text.AppendJoin(" \\\n", keys.Select(k => $"       --from-literal={k}=$(openssl rand -hex 24)"));
        text.Append($"""

               ```
            3. `kubectl apply -k .` (this folder). Workers start once their model is on their disk: the ModelStore pulls
               catalog models from the Hub; on an offline cluster import each file into the ModelStore first.
            4. Clients use the gateway's Ingress (`/v1`) with `Authorization: Bearer <{ClusterSecret.ApiKey}>`.
            5. Traces: `kubectl -n {ns} port-forward svc/{DashboardManifests.Name} {DashboardManifests.UiPort}`, then open
               http://localhost:{DashboardManifests.UiPort} and log in with the `{ClusterSecret.DashboardToken}` value.

            """);
        if (resources.FirstOrDefault(r => r.Role == ResourceRole.Evaluator) is { } evaluator)
        {
            var claim = EvaluatorManifests.ClaimName(evaluator);
            var data = EvaluatorManifests.DataPath;
            text.Append($$$"""

                ## Benchmarks
                The Evaluator Job is created suspended. Run it with
                `kubectl -n {{{ns}}} patch job {{{evaluator.Name}}} -p '{"spec":{"suspend":false}}'` (delete and re-apply it for
                another run). Its dataset comes from the Hub (`--dataset hub`); on an offline cluster copy the JSONL into
                the volume (below) and change the Job's argument to `--dataset {{{data}}}/<file>.jsonl`. Reports, CSVs and
                the result store are written to `{{{data}}}/results` on the claim `{{{claim}}}`, which outlives the pod. To copy
                them out (or a dataset in), mount the claim in a pod of your own:

                ```sh
                kubectl -n {{{ns}}} run {{{evaluator.Name}}}-files --image={{{WorkerManifests.CurlImage}}} --restart=Never --overrides='{"spec":{"securityContext":{"runAsUser":{{{Kube.AppUid}}},"runAsNonRoot":true},"volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"{{{claim}}}"}}],"containers":[{"name":"files","image":"{{{WorkerManifests.CurlImage}}}","command":["sleep","3600"],"volumeMounts":[{"name":"data","mountPath":"{{{data}}}"}]}]}}'
                kubectl -n {{{ns}}} cp {{{evaluator.Name}}}-files:{{{data}}}/results ./results
                kubectl -n {{{ns}}} delete pod {{{evaluator.Name}}}-files
                ```

                """);
        }
        return text.ToString();
    }

    /// <summary>Every key of <see cref="ClusterSecret.Name"/> some container reads.</summary>
    private static IEnumerable<string> SecretKeys(IEnumerable<ManifestFile> files) => files
        .SelectMany(f => f.Objects)
        .Select(o => o switch { V1Deployment d => d.Spec.Template.Spec, V1Job j => j.Spec.Template.Spec, _ => null })
        .OfType<V1PodSpec>()
        .SelectMany(p => (p.InitContainers ?? []).Concat(p.Containers))
        .SelectMany(c => c.Env ?? [])
        .Select(e => e.ValueFrom?.SecretKeyRef)
        .Where(s => s?.Name == ClusterSecret.Name)
        .Select(s => s!.Key)
        .Distinct()
        .Order(StringComparer.Ordinal);
}
