using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>The AppHost's publish output, generated once per test class: the default composition (what deploy/k3s
/// holds) and one with two local model files and an API key, published where no Docker can be reached.</summary>
public sealed class PublishedOutputs : IAsyncLifetime
{
    /// <summary>The API key given to the second composition, which must never appear in its output.</summary>
    public static readonly string ApiKey = $"key-{Guid.NewGuid():N}";

    private readonly string _root = Directory.CreateTempSubdirectory("edgeaspire-publish-").FullName;

    public string Default => System.IO.Path.Combine(_root, "default");

    public string TwoModels => System.IO.Path.Combine(_root, "two-models");

    public string For(string name) => name == "default" ? Default : TwoModels;

    public async ValueTask InitializeAsync()
    {
        using var first = await AppHostProcess.RunAsync(["publish", "k3s", "--output", Default], TimeSpan.FromSeconds(60));
        Assert.True(first.Process.ExitCode == 0, first.Output);
        var second = Fixtures.SharedModel("stories260K.gguf") ?? Fixtures.SyntheticModel(GgmlType.Q8_0);
        using var two = await AppHostProcess.RunAsync(
            ["--model-file", Fixtures.SyntheticModel(GgmlType.F32), "--model-file", second, $"--Parameters:api-key={ApiKey}", "publish", "k3s", "--output", TwoModels],
            TimeSpan.FromSeconds(60), NoDocker);
        Assert.True(two.Process.ExitCode == 0, two.Output);
    }

    /// <summary>A Docker daemon that cannot be reached: publishing must neither need nor wait for one.</summary>
    public static IReadOnlyDictionary<string, string> NoDocker { get; } = new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock" };

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
