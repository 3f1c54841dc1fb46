using System.Globalization;
using EdgeAspire.Hosting.Publishing;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using static EdgeAspire.Hosting.Tests.Infrastructure.Manifests;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The K3s manifests: reproducible, internally consistent, and valid Kubernetes objects.</summary>
public sealed class PublishTests(PublishedOutputs outputs) : IClassFixture<PublishedOutputs>
{
    private static readonly HashSet<string> s_knownKinds =
    [
        "v1/Namespace", "v1/Service", "v1/PersistentVolumeClaim", "apps/v1/Deployment", "batch/v1/Job",
        "networking.k8s.io/v1/Ingress", "kustomize.config.k8s.io/v1beta1/Kustomization",
    ];

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
    public void Every_document_parses_with_a_known_kind_and_the_kustomization_lists_every_file(string output)
    {
        var manifests = Load(outputs.For(output));

        Assert.All(manifests.Documents, d => Assert.Contains($"{Str(d.Doc, "apiVersion")}/{Str(d.Doc, "kind")}", s_knownKinds));
        var kustomization = Assert.Single(manifests.OfKind("Kustomization"));
        var files = Directory.GetFiles(outputs.For(output), "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml");
        Assert.Equal(files.Order(StringComparer.Ordinal), List(kustomization, "resources").Cast<string>().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Selectors_match_labels_and_services_point_at_existing_ports(string output)
    {
        var manifests = Load(outputs.For(output));
        var deployments = manifests.OfKind("Deployment").ToList();

        foreach (var deployment in deployments)
        {
            var selector = Map(Map(deployment, "spec"), "selector");
            var labels = Map(Map(Map(Map(deployment, "spec"), "template"), "metadata"), "labels");
            Assert.All(Map(selector, "matchLabels"), l => Assert.Equal(l.Value, labels[l.Key]));
        }
        foreach (var service in manifests.OfKind("Service"))
        {
            var selector = Map(service, "spec")["selector"] as Dictionary<object, object>;
            var target = Assert.Single(deployments, d => selector!.All(l => Map(Map(Map(Map(d, "spec"), "template"), "metadata"), "labels").TryGetValue(l.Key, out var v) && Equals(v, l.Value)));
            var portNames = List(PodSpec(target), "containers").SelectMany(c => List(c, "ports")).Select(p => Str(p, "name")).ToHashSet();
            Assert.All(List(Map(service, "spec"), "ports"), p => Assert.Contains(Str(p, "targetPort"), portNames));
        }
        foreach (var ingress in manifests.OfKind("Ingress"))
        {
            var backend = Map(Map((Dictionary<object, object>)List(Map((Dictionary<object, object>)List(Map(ingress, "spec"), "rules")[0], "http"), "paths")[0], "backend"), "service");
            var service = Assert.Single(manifests.OfKind("Service"), s => Str(Map(s, "metadata"), "name") == Str(backend, "name"));
            Assert.Contains(Str(Map(backend, "port"), "name"), List(Map(service, "spec"), "ports").Select(p => Str(p, "name")));
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Every_container_has_resources_and_images_are_named_consistently(string output)
    {
        var manifests = Load(outputs.For(output));
        var dockerfiles = Directory.GetFiles(Path.Combine(AppHostProcess.SolutionDirectory, "deploy", "docker"), "*.Dockerfile")
            .Select(f => Path.GetFileName(f).Replace(".Dockerfile", "", StringComparison.Ordinal)).ToHashSet();

        var workloads = manifests.OfKind("Deployment").Concat(manifests.OfKind("Job")).ToList();
        Assert.NotEmpty(workloads);
        foreach (var container in workloads.SelectMany(Containers))
        {
            var resources = Map(container, "resources");
            Assert.NotNull(Str(Map(resources, "requests"), "cpu"));
            Assert.NotNull(Str(Map(resources, "requests"), "memory"));
            Assert.NotNull(Str(Map(resources, "limits"), "memory"));
            var image = Str(container, "image")!;
            if (image.StartsWith("ghcr.io/edgeaspire/", StringComparison.Ordinal))
            {
                var name = image["ghcr.io/edgeaspire/".Length..].Split(':')[0];
                Assert.Contains(name, dockerfiles);
                Assert.EndsWith(":latest", image, StringComparison.Ordinal);
            }
            else
            {
                // Third-party images are pinned.
                Assert.Matches(@"^[a-z0-9./-]+:[0-9][0-9.]*$", image);
            }
        }
        foreach (var worker in manifests.OfKind("Deployment").Where(d => Str(Map(Map(d, "metadata"), "labels"), "app.kubernetes.io/component") == "worker"))
        {
            Assert.Equal("arm64", Str(Map(PodSpec(worker), "nodeSelector"), "kubernetes.io/arch"));
            var container = (Dictionary<object, object>)List(PodSpec(worker), "containers")[0];
            Assert.Equal("/health", Str(Map(Map(container, "readinessProbe"), "httpGet"), "path"));
            Assert.Equal("/alive", Str(Map(Map(container, "livenessProbe"), "httpGet"), "path"));
            var env = List(container, "env").Select(e => Str(e, "name")).ToList();
            Assert.Contains("K8S_POD_NAME", env);
            Assert.Contains("K8S_NODE_NAME", env);
        }
    }

    [Fact]
    public void The_gateway_knows_every_worker()
    {
        var manifests = Load(outputs.TwoModels);
        var workers = manifests.OfKind("Deployment").Select(d => Str(Map(d, "metadata"), "name")).Where(n => n!.StartsWith("worker-", StringComparison.Ordinal)).ToList();
        var gateway = Assert.Single(manifests.OfKind("Deployment"), d => Str(Map(d, "metadata"), "name") == "gateway");
        var env = List((Dictionary<object, object>)List(PodSpec(gateway), "containers")[0], "env").ToDictionary(e => Str(e, "name")!, e => Str(e, "value"));

        Assert.Equal(2, workers.Count);
        Assert.Equal(workers.Order(StringComparer.Ordinal), env.Where(e => e.Key.StartsWith("PromptApi__Gateway__Workers__", StringComparison.Ordinal)).Select(e => e.Value).Order(StringComparer.Ordinal));
        Assert.All(workers, w => Assert.Equal($"http://{w}:8080", env[$"services__{w}__http__0"]));
    }

    [Fact]
    public async Task A_model_larger_than_a_node_is_refused_in_one_line()
    {
        var output = Path.Combine(Path.GetTempPath(), $"edgeaspire-refused-{Guid.NewGuid():N}");
        using var apphost = await AppHostProcess.RunAsync(
            ["--model-file", Fixtures.SyntheticModel(GgmlType.F32), "publish", "k3s", "--output", output, "--node-memory", "64Mi"], TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, apphost.Process.ExitCode);
        var line = Assert.Single(apphost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--node-memory", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Workers_run_the_sequences_their_memory_was_sized_for()
    {
        foreach (var output in new[] { outputs.Default, outputs.TwoModels })
        {
            foreach (var worker in Load(output).OfKind("Deployment").Where(d => Str(Map(d, "metadata"), "name")!.StartsWith("worker-", StringComparison.Ordinal)))
            {
                var env = List((Dictionary<object, object>)List(PodSpec(worker), "containers")[0], "env").ToDictionary(e => Str(e, "name")!, e => Str(e, "value"));
                Assert.Equal(ModelMemory.PodSequences.ToString(CultureInfo.InvariantCulture), env["PromptApi__ParallelSequences"]);
            }
        }
    }

    [Fact]
    public async Task Sequences_are_halved_until_the_worker_fits_its_node()
    {
        var model = Fixtures.SyntheticModel(GgmlType.F32);
        var spec = new ModelSpec(Path.GetFileNameWithoutExtension(model), model);
        var (one, two) = (ModelMemory.For(spec, 1).LimitBytes, ModelMemory.For(spec, 2).LimitBytes);
        Assert.True(two > one);
        var output = Path.Combine(Path.GetTempPath(), $"edgeaspire-halved-{Guid.NewGuid():N}");
        try
        {
            using var apphost = await AppHostProcess.RunAsync(
                ["--model-file", model, "publish", "k3s", "--output", output, "--node-memory", ((one + two) / 2).ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60));

            Assert.True(apphost.Process.ExitCode == 0, apphost.Output);
            var worker = Assert.Single(Load(output).OfKind("Deployment"), d => Str(Map(d, "metadata"), "name")!.StartsWith("worker-", StringComparison.Ordinal));
            var container = (Dictionary<object, object>)List(PodSpec(worker), "containers")[0];
            var env = List(container, "env").ToDictionary(e => Str(e, "name")!, e => Str(e, "value"));
            Assert.Equal("1", env["PromptApi__ParallelSequences"]);
            Assert.Equal(ByteSize.ToMebibytes(one), Str(Map(Map(container, "resources"), "limits"), "memory"));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public void Pods_with_volumes_give_them_to_the_images_non_root_user(string output)
    {
        var workloads = Load(outputs.For(output)).OfKind("Deployment").Concat(Load(outputs.For(output)).OfKind("Job")).ToList();
        Assert.NotEmpty(workloads);
        foreach (var workload in workloads.Where(w => PodSpec(w).ContainsKey("volumes")))
        {
            Assert.Equal("1654", Str(Map(PodSpec(workload), "securityContext"), "fsGroup"));
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

    [Fact]
    public async Task An_output_that_is_a_file_is_refused_in_one_line()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var apphost = await AppHostProcess.RunAsync(["publish", "k3s", "--output", file], TimeSpan.FromSeconds(60));

            Assert.Equal(2, apphost.Process.ExitCode);
            Assert.Contains("is a file", Assert.Single(apphost.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
            Assert.Equal(0, new FileInfo(file).Length);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
