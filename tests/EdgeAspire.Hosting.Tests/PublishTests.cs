using System.Globalization;
using EdgeAspire.Hosting.Publishing;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using k8s.Models;
using static EdgeAspire.Hosting.Tests.Infrastructure.Manifests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The K3s manifests of the AppHost's publish step: reproducible, internally consistent, and what a cluster
/// of 8 GiB Raspberry Pis needs.</summary>
public sealed class PublishTests(PublishedOutputs outputs) : IClassFixture<PublishedOutputs>
{
    private static string Committed => Path.Combine(AppHostProcess.SolutionDirectory, "deploy", "k3s");

    [Fact]
    public void Regenerating_gives_the_committed_bytes()
    {
        var committed = Directory.GetFiles(Committed).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var generated = Directory.GetFiles(outputs.Default).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(committed, generated);
        foreach (var file in committed)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Committed, file!)).SequenceEqual(File.ReadAllBytes(Path.Combine(outputs.Default, file!))),
                $"deploy/k3s/{file} differs from a fresh publish: run dotnet run --project src/EdgeAspire.AppHost -- publish k3s --output deploy/k3s");
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void The_kustomization_lists_every_manifest_and_each_reads_back_as_Kubernetes_objects(string output)
    {
        var manifests = Load(outputs.For(output));

        var files = Directory.GetFiles(outputs.For(output), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        Assert.Equal(files.Order(StringComparer.Ordinal), manifests.KustomizedFiles.Order(StringComparer.Ordinal));
        Assert.Equal(["Deployment", "Ingress", "Job", "Namespace", "PersistentVolumeClaim", "Service"],
            manifests.Objects.Select(o => o.GetType().Name[2..]).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Selectors_match_labels_and_services_point_at_existing_ports(string output)
    {
        var manifests = Load(outputs.For(output));

        foreach (var deployment in manifests.Deployments)
        {
            Assert.All(deployment.Spec.Selector.MatchLabels, l => Assert.Equal(l.Value, deployment.Spec.Template.Metadata.Labels[l.Key]));
        }
        foreach (var service in manifests.Of<V1Service>())
        {
            var target = Assert.Single(manifests.Deployments, d => service.Spec.Selector.All(l => d.Spec.Template.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
            var ports = target.Spec.Template.Spec.Containers.SelectMany(c => c.Ports ?? []).Select(p => p.Name).ToHashSet();
            Assert.All(service.Spec.Ports, p => Assert.Contains(p.TargetPort.Value, ports));
            Assert.Null(service.Spec.Type); // ClusterIP: only the gateway's Ingress reaches the LAN
        }
        var backend = Assert.Single(manifests.Of<V1Ingress>()).Spec.Rules.Single().Http.Paths.Single().Backend.Service;
        var gateway = Assert.Single(manifests.Of<V1Service>(), s => s.Metadata.Name == backend.Name);
        Assert.Contains(backend.Port.Name, gateway.Spec.Ports.Select(p => p.Name));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Every_container_has_requests_a_memory_limit_and_an_image_that_does_not_move(string output)
    {
        var manifests = Load(outputs.For(output));
        var dockerfiles = Directory.GetFiles(Path.Combine(AppHostProcess.SolutionDirectory, "deploy", "docker"), "*.Dockerfile")
            .Select(f => Path.GetFileName(f).Replace(".Dockerfile", "", StringComparison.Ordinal)).ToHashSet();

        Assert.NotEmpty(manifests.Containers);
        foreach (var container in manifests.Containers)
        {
            Assert.True(container.Resources.Requests.ContainsKey("cpu"), container.Name);
            Assert.True(container.Resources.Requests.ContainsKey("memory"), container.Name);
            Assert.True(container.Resources.Limits.ContainsKey("memory"), container.Name);
            Assert.Equal("IfNotPresent", container.ImagePullPolicy);
            Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
            if (container.Image.StartsWith("ghcr.io/edgeaspire/", StringComparison.Ordinal))
            {
                var (name, tag) = (container.Image.Split(':')[0]["ghcr.io/edgeaspire/".Length..], container.Image.Split(':')[1]);
                Assert.Contains(name, dockerfiles);
                Assert.Equal(K3sSettings.ReleaseTag, tag);
            }
            else
            {
                Assert.Matches(@"^[a-z0-9./-]+:[0-9][0-9.]*$", container.Image); // third-party images pinned to a release
            }
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Every_pod_runs_as_the_images_non_root_user(string output)
    {
        var pods = Load(outputs.For(output)).Pods.ToList();

        Assert.NotEmpty(pods);
        Assert.All(pods, p =>
        {
            Assert.True(p.SecurityContext.RunAsNonRoot);
            Assert.Equal(Kube.AppUid, p.SecurityContext.RunAsUser);
            Assert.Equal(Kube.AppUid, p.SecurityContext.FsGroup);
        });
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Workers_survive_a_slow_first_load_spread_over_nodes_and_roll_out_without_a_second_pod(string output)
    {
        var workers = Load(outputs.For(output)).Workers.ToList();

        Assert.NotEmpty(workers);
        foreach (var worker in workers)
        {
            var pod = worker.Spec.Template.Spec;
            var container = Assert.Single(pod.Containers);
            Assert.Equal("arm64", pod.NodeSelector["kubernetes.io/arch"]);
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health", container.StartupProbe.HttpGet.Path);
            Assert.True(container.StartupProbe.PeriodSeconds * container.StartupProbe.FailureThreshold >= 600, "a multi-GB model on a Pi needs minutes to load");
            Assert.Equal("0", worker.Spec.Strategy.RollingUpdate.MaxSurge.Value);
            var spread = Assert.Single(pod.TopologySpreadConstraints);
            Assert.Equal("kubernetes.io/hostname", spread.TopologyKey);
            Assert.Equal(worker.Spec.Selector.MatchLabels, spread.LabelSelector.MatchLabels);
            Assert.Contains("K8S_POD_NAME", Env(container).Keys);
            Assert.Contains("K8S_NODE_NAME", Env(container).Keys);
        }
    }

    [Fact]
    public void A_workers_model_copy_has_a_bounded_volume_that_holds_its_file()
    {
        var manifests = Load(outputs.TwoModels);
        var model = Fixtures.SyntheticModel(GgmlType.F32);
        var worker = manifests.Deployment(ResourceNames.FromModelId("worker", Path.GetFileNameWithoutExtension(model)));

        var volume = Assert.Single(worker.Spec.Template.Spec.Volumes, v => v.Name == "models");
        var limit = volume.EmptyDir.SizeLimit.ToInt64();
        Assert.InRange(limit, new FileInfo(model).Length, new FileInfo(model).Length * 2 + (128L << 20));
        Assert.Equal(volume.EmptyDir.SizeLimit, worker.Spec.Template.Spec.Containers[0].Resources.Requests["ephemeral-storage"]);
    }

    [Fact]
    public void The_gateway_knows_every_worker_by_its_Service_name()
    {
        var manifests = Load(outputs.TwoModels);
        var workers = manifests.Workers.Select(d => d.Metadata.Name).ToList();
        var env = Env(manifests.Deployment("gateway").Spec.Template.Spec.Containers[0]);

        Assert.Equal(2, workers.Count);
        Assert.Equal(workers.Order(StringComparer.Ordinal),
            env.Where(e => e.Key.StartsWith("PromptApi__Gateway__Workers__", StringComparison.Ordinal)).Select(e => e.Value.Value).Order(StringComparer.Ordinal));
        Assert.All(workers, w => Assert.Equal($"http://{w}:8080", env[$"services__{w}__http__0"].Value));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Keys_and_tokens_come_from_the_secret_and_the_LAN_facing_gateway_always_needs_one(string output)
    {
        var manifests = Load(outputs.For(output));
        var variables = manifests.Containers.SelectMany(c => c.Env ?? []).ToList();

        var secretish = variables.Where(v => v.Name.Contains("KEY", StringComparison.OrdinalIgnoreCase) || v.Name.Contains("TOKEN", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(secretish);
        Assert.All(secretish, v => Assert.Equal(ClusterSecret.Name, v.ValueFrom.SecretKeyRef.Name));
        Assert.Empty(manifests.Objects.OfType<V1Secret>());
        Assert.Equal(ClusterSecret.ApiKey, Env(manifests.Deployment("gateway").Spec.Template.Spec.Containers[0])["PromptApi__ApiKeys__0"].ValueFrom.SecretKeyRef.Key);
        // The deploy README's one command creates every key a container reads.
        var readme = File.ReadAllText(Path.Combine(outputs.For(output), "README.md"));
        Assert.All(variables.Select(v => v.ValueFrom?.SecretKeyRef?.Key).OfType<string>().Distinct(), k => Assert.Contains($"--from-literal={k}=", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_given_to_the_AppHost_never_appears_in_the_output()
    {
        foreach (var file in Directory.GetFiles(outputs.TwoModels))
        {
            Assert.DoesNotContain(PublishedOutputs.ApiKey, File.ReadAllText(file), StringComparison.Ordinal);
        }
        var evaluator = Load(outputs.TwoModels).Of<V1Job>().Single().Spec.Template.Spec.Containers[0];
        Assert.Equal("api-key", Env(evaluator)["OPENAI_API_KEY"].ValueFrom.SecretKeyRef.Key);
    }

    [Fact]
    public void The_dashboard_needs_a_login_and_an_OTLP_key_and_every_service_sends_it()
    {
        var manifests = Load(outputs.Default);
        var dashboard = Env(manifests.Deployment("dashboard").Spec.Template.Spec.Containers[0]);

        Assert.DoesNotContain(dashboard.Keys, k => k.Contains("ANONYMOUS", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("BrowserToken", dashboard["Dashboard__Frontend__AuthMode"].Value);
        Assert.Equal("ApiKey", dashboard["Dashboard__Otlp__AuthMode"].Value);
        Assert.All(manifests.Deployments.Where(d => d.Metadata.Name != "dashboard").Select(d => Env(d.Spec.Template.Spec.Containers[0])), env =>
        {
            Assert.Equal("x-otlp-api-key=$(OTLP_API_KEY)", env["OTEL_EXPORTER_OTLP_HEADERS"].Value);
            Assert.Equal(dashboard["Dashboard__Otlp__PrimaryApiKey"].ValueFrom.SecretKeyRef.Key, env["OTLP_API_KEY"].ValueFrom.SecretKeyRef.Key);
        });
    }

    [Fact]
    public void The_Evaluator_writes_its_reports_to_a_claim_that_outlives_its_pod()
    {
        var manifests = Load(outputs.Default);
        var job = Assert.Single(manifests.Of<V1Job>());
        var container = job.Spec.Template.Spec.Containers.Single();

        Assert.True(job.Spec.Suspend);
        var mount = Assert.Single(container.VolumeMounts);
        var volume = Assert.Single(job.Spec.Template.Spec.Volumes, v => v.Name == mount.Name);
        Assert.Contains(manifests.Of<V1PersistentVolumeClaim>(), c => c.Metadata.Name == volume.PersistentVolumeClaim.ClaimName);
        var output = container.Args[container.Args.IndexOf("--out") + 1];
        Assert.StartsWith(mount.MountPath + "/", output, StringComparison.Ordinal);
        Assert.Contains($"kubectl -n edgeaspire cp evaluator-files:{output}", File.ReadAllText(Path.Combine(outputs.Default, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_larger_than_a_node_is_refused_in_one_line()
    {
        var output = Path.Combine(Path.GetTempPath(), $"edgeaspire-refused-{Guid.NewGuid():N}");
        using var apphost = await AppHostProcess.RunAsync(
            ["--model-file", Fixtures.SyntheticModel(GgmlType.F32), "publish", "k3s", "--output", output, "--node-memory", "64Mi"], TimeSpan.FromSeconds(60));

        Assert.Equal(2, apphost.Process.ExitCode);
        var line = Assert.Single(apphost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--node-memory", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Workers_run_the_sequences_their_memory_was_sized_for()
    {
        foreach (var output in new[] { outputs.Default, outputs.TwoModels })
        {
            Assert.All(Load(output).Workers, worker => Assert.Equal(ModelMemory.PodSequences.ToString(CultureInfo.InvariantCulture),
                Env(worker.Spec.Template.Spec.Containers[0])["PromptApi__ParallelSequences"].Value));
        }
    }

    [Fact]
    public async Task Sequences_are_halved_until_the_worker_fits_its_node()
    {
        var model = Fixtures.SyntheticModel(GgmlType.F32);
        var spec = new ModelSpec(Path.GetFileNameWithoutExtension(model), model);
        var (one, two) = (ModelMemory.For(spec, 1).LimitBytes, ModelMemory.For(spec, 2).LimitBytes);
        Assert.True(two > one);
        var output = Directory.CreateTempSubdirectory("edgeaspire-halved-").FullName;
        try
        {
            using var apphost = await AppHostProcess.RunAsync(
                ["--model-file", model, "publish", "k3s", "--output", output, "--node-memory", ((one + two) / 2).ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60));

            Assert.True(apphost.Process.ExitCode == 0, apphost.Output);
            var container = Assert.Single(Load(output).Workers).Spec.Template.Spec.Containers[0];
            Assert.Equal("1", Env(container)["PromptApi__ParallelSequences"].Value);
            Assert.Equal(ByteSize.ToMebibytes(one), container.Resources.Limits["memory"].ToString());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Publishing_again_removes_only_the_files_an_earlier_publish_wrote()
    {
        var output = Directory.CreateTempSubdirectory("edgeaspire-republish-").FullName;
        try
        {
            var header = File.ReadLines(Path.Combine(Committed, "namespace.yaml")).First();
            File.WriteAllText(Path.Combine(output, "mine.yaml"), "# the user's own patch\nkind: ConfigMap\n");
            File.WriteAllText(Path.Combine(output, "worker-gone.yaml"), header + "\nkind: Deployment\n");

            using var apphost = await AppHostProcess.RunAsync(["publish", "k3s", "--output", output], TimeSpan.FromSeconds(60));

            Assert.True(apphost.Process.ExitCode == 0, apphost.Output);
            Assert.True(File.Exists(Path.Combine(output, "mine.yaml")));
            Assert.False(File.Exists(Path.Combine(output, "worker-gone.yaml")));
            Assert.Equal(Directory.GetFiles(Committed).Select(Path.GetFileName).Append("mine.yaml").Order(StringComparer.Ordinal),
                Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("--output", "FILE", "is a file")]
    [InlineData("--tag", "latest", "moves under a running cluster")]
    [InlineData("--namespace", "Not_A_Label", "DNS label")]
    [InlineData("--replicas", "2", "unknown option")]
    public async Task A_bad_option_is_refused_in_one_line_before_anything_is_written(string option, string value, string message)
    {
        var file = Path.GetTempFileName();
        try
        {
            using var apphost = await AppHostProcess.RunAsync(["publish", "k3s", option, value == "FILE" ? file : value], TimeSpan.FromSeconds(60));

            Assert.Equal(2, apphost.Process.ExitCode);
            Assert.Contains(message, Assert.Single(apphost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
            Assert.Equal(0, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_step_that_needs_Docker_ends_in_one_line_instead_of_waiting_for_it()
    {
        var output = Directory.CreateTempSubdirectory("edgeaspire-docker-").FullName;
        try
        {
            using var apphost = await AppHostProcess.RunAsync(["--operation", "publish", "--step", "build-gateway", "--output-path", output], TimeSpan.FromSeconds(60), PublishedOutputs.NoDocker);

            Assert.Equal(1, apphost.Process.ExitCode);
            Assert.Single(apphost.Output.Split('\n'), l => l.StartsWith("error: publishing failed", StringComparison.Ordinal) && l.Contains("--step publish-k3s", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
