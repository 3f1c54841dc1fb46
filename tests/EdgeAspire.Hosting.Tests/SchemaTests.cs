using EdgeAspire.Hosting.Tests.Infrastructure;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The manifests against the Kubernetes schema (npm kubernetes-models, offline once installed) and kustomize.</summary>
public sealed class SchemaTests(PublishedOutputs outputs) : IClassFixture<PublishedOutputs>
{
    private const string KubernetesModels = "kubernetes-models@5.1.0";
    private const string JsYaml = "js-yaml@4.1.0";

    [Theory]
    [InlineData("default")]
    [InlineData("two-models")]
    public async Task Every_object_validates_against_the_Kubernetes_schema(string output)
    {
        var modules = await InstallValidatorAsync();
        var files = Directory.GetFiles(outputs.For(output), "*.yaml");

        var (exitCode, text) = await Tool.RunAsync("node", [Path.Combine(AppContext.BaseDirectory, "Infrastructure", "validate-k8s.mjs"), .. files],
            AppContext.BaseDirectory, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["K8S_VALIDATE_MODULES"] = modules });

        Assert.True(exitCode == 0, text);
        Assert.Contains("ok ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_validator_rejects_an_invalid_object()
    {
        var modules = await InstallValidatorAsync();
        var bad = Path.Combine(Path.GetTempPath(), $"edgeaspire-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(bad, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: one\n", TestContext.Current.CancellationToken);
        try
        {
            var (exitCode, text) = await Tool.RunAsync("node", [Path.Combine(AppContext.BaseDirectory, "Infrastructure", "validate-k8s.mjs"), bad],
                AppContext.BaseDirectory, TimeSpan.FromSeconds(60), new Dictionary<string, string> { ["K8S_VALIDATE_MODULES"] = modules });

            Assert.Equal(1, exitCode);
            Assert.Contains("INVALID", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Kubectl_kustomize_renders_the_committed_manifests()
    {
        Assert.SkipUnless(Tool.IsOnPath("kubectl"), "kubectl is not on PATH, so `kubectl kustomize deploy/k3s` cannot be checked here");

        var (exitCode, text) = await Tool.RunAsync("kubectl", ["kustomize", Path.Combine("deploy", "k3s")], AppHostProcess.SolutionDirectory, TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, text);
        foreach (var kind in new[] { "Namespace", "PersistentVolumeClaim", "Deployment", "Service", "Ingress", "Job" })
        {
            Assert.Contains($"kind: {kind}\n", text, StringComparison.Ordinal);
        }
        Assert.Contains("namespace: edgeaspire", text, StringComparison.Ordinal);
    }

    /// <summary>Installs the validator's npm packages once into the test project's obj folder (never committed).</summary>
    private static async Task<string> InstallValidatorAsync()
    {
        Assert.SkipUnless(Tool.IsOnPath("node") && Tool.IsOnPath("npm"), "node and npm are needed to validate against the Kubernetes schema with kubernetes-models");
        var modules = Path.Combine(AppHostProcess.SolutionDirectory, "tests", "EdgeAspire.Hosting.Tests", "obj", "k8s-validate");
        if (!File.Exists(Path.Combine(modules, "node_modules", "kubernetes-models", "package.json")) || !File.Exists(Path.Combine(modules, "node_modules", "js-yaml", "package.json")))
        {
            Directory.CreateDirectory(modules);
            await File.WriteAllTextAsync(Path.Combine(modules, "package.json"), "{\"private\":true}", TestContext.Current.CancellationToken);
            var (exitCode, text) = await Tool.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--silent", KubernetesModels, JsYaml], modules, TimeSpan.FromMinutes(5));
            Assert.SkipWhen(exitCode != 0, $"npm install {KubernetesModels} failed (no registry?): {text.ReplaceLineEndings(" ")}");
        }
        return modules;
    }
}
