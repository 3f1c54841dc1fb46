using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Publishing;
using EdgeAspire.Hosting.Publishing.Input;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.Hosting.Tests;

/// <summary>Compositions other than the AppHost's, built in publish mode in-process and turned into manifests: a
/// project of the user's own, replicated workers, and values the publisher must refuse.</summary>
public sealed class ClusterModelTests
{
    [Fact]
    public async Task A_project_of_the_users_own_gets_its_endpoints_environment_references_probes_and_replicas()
    {
        var builder = PublishModeBuilder();
        var gateway = AddStack(builder);
        var token = builder.AddParameter("weather-token", secret: true);
        builder.AddProject("weather", ProjectPath("EdgeAspire.ModelStore"))
            .WithHttpEndpoint()
            .WithReplicas(3)
            .WithReference(gateway)
            .WithEnvironment("GREETING", "hello")
            .WithEnvironment("WEATHER_TOKEN", token)
            .WithHttpProbe(ProbeType.Readiness, "/ready", periodSeconds: 7);

        var files = await PublishAsync(builder);

        var weather = Objects(files, "weather.yaml");
        var deployment = weather.OfType<V1Deployment>().Single();
        var container = deployment.Spec.Template.Spec.Containers.Single();
        var env = container.Env.ToDictionary(e => e.Name);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("http://gateway:8080", env["services__gateway__http__0"].Value);
        Assert.Equal("hello", env["GREETING"].Value);
        Assert.Equal(("weather-token", ClusterSecret.Name), (env["WEATHER_TOKEN"].ValueFrom.SecretKeyRef.Key, env["WEATHER_TOKEN"].ValueFrom.SecretKeyRef.Name));
        Assert.Equal(("/ready", 7), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.PeriodSeconds));
        var service = weather.OfType<V1Service>().Single();
        Assert.Equal(container.Ports.Select(p => p.Name), service.Spec.Ports.Select(p => p.TargetPort.Value));
        Assert.Contains("--from-literal=weather-token=", (string)files.Single(f => f.FileName == "README.md").Objects.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_with_replicas_gets_a_disruption_budget_and_one_replica_none()
    {
        var builder = PublishModeBuilder();
        var store = builder.AddModelStore("modelstore");
        var two = builder.AddPromptApi("worker-two").WithModelFile(Fixtures.SyntheticModel(GgmlType.F32)).WithReference(store).WithReplicas(2);
        var one = builder.AddPromptApi("worker-one").WithModelFile(Fixtures.SyntheticModel(GgmlType.Q8_0)).WithReference(store);
        builder.AddGateway("gateway", [two, one]);

        var files = await PublishAsync(builder);

        var budget = Assert.Single(Objects(files, "worker-two.yaml").OfType<V1PodDisruptionBudget>());
        Assert.Equal(1, budget.Spec.MaxUnavailable.Value is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : -1);
        Assert.Equal(Objects(files, "worker-two.yaml").OfType<V1Deployment>().Single().Spec.Selector.MatchLabels, budget.Spec.Selector.MatchLabels);
        Assert.Empty(Objects(files, "worker-one.yaml").OfType<V1PodDisruptionBudget>());
    }

    [Fact]
    public async Task A_secret_inside_a_longer_value_is_refused_rather_than_written_out()
    {
        var builder = PublishModeBuilder();
        AddStack(builder);
        var password = builder.AddParameter("db-password", secret: true);
        builder.AddProject("reports", ProjectPath("EdgeAspire.ModelStore"))
            .WithEnvironment("DATABASE_URL", ReferenceExpression.Create($"postgres://app:{password}@db/reports"));

        var refusal = await Assert.ThrowsAsync<PublishRefusedException>(() => PublishAsync(builder));

        Assert.Contains("db-password", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_without_a_value_is_refused_naming_it()
    {
        var builder = PublishModeBuilder();
        AddStack(builder);
        builder.AddProject("reports", ProjectPath("EdgeAspire.ModelStore"))
            .WithEnvironment("REGION", builder.AddParameter("region"));

        var refusal = await Assert.ThrowsAsync<PublishRefusedException>(() => PublishAsync(builder));

        Assert.Contains("--Parameters:region=", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Evaluator_with_no_model_to_measure_is_refused()
    {
        var builder = PublishModeBuilder();
        var store = builder.AddModelStore("modelstore");
        builder.AddEvaluator("evaluator", store);

        var refusal = await Assert.ThrowsAsync<AppHostUsageException>(() => PublishAsync(builder));

        Assert.Contains("no worker serves one", refusal.Message, StringComparison.Ordinal);
    }

    private static IDistributedApplicationBuilder PublishModeBuilder() =>
        DistributedApplication.CreateBuilder(["--operation", "publish", "--step", "publish-k3s", "--output-path", Path.GetTempPath()]);

    private static IResourceBuilder<ProjectResource> AddStack(IDistributedApplicationBuilder builder)
    {
        var store = builder.AddModelStore("modelstore");
        var worker = builder.AddPromptApi("worker").WithModelFile(Fixtures.SyntheticModel(GgmlType.F32)).WithReference(store);
        return builder.AddGateway("gateway", [worker]);
    }

    private static async Task<IReadOnlyList<ManifestFile>> PublishAsync(IDistributedApplicationBuilder builder)
    {
        using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var execution = app.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var resources = await PublishedModel.ReadAsync(model, execution, TestContext.Current.CancellationToken);
        return K3sManifests.Create(resources, new K3sSettings(), TextWriter.Null);
    }

    private static IReadOnlyList<object> Objects(IReadOnlyList<ManifestFile> files, string name) => files.Single(f => f.FileName == name).Objects;

    private static string ProjectPath(string project) => Path.Combine(Infrastructure.AppHostProcess.SolutionDirectory, "src", project, project + ".csproj");
}
