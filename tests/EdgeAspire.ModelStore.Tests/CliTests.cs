using EdgeAspire.ModelStore.Cli;
using EdgeAspire.ModelStore.Downloads;

namespace EdgeAspire.ModelStore.Tests;

/// <summary>The CLI through its entry method, on the cache directly (no server), with settings as arguments.</summary>
public sealed class CliTests : IAsyncLifetime
{
    private HubAndCache _env = null!;

    private FakeHub Hub => _env.Hub;
    private TempFolder Cache => _env.Cache;

    public async ValueTask InitializeAsync() => _env = await HubAndCache.StartAsync();

    public ValueTask DisposeAsync() => _env.DisposeAsync();

    [Fact]
    public async Task Pull_downloads_into_the_cache_and_prints_the_sha256()
    {
        var (exit, output, error) = await RunAsync("pull", StoreSettings.ModelId);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Contains(Hub.Sha256Of(TestModels.File), output, StringComparison.Ordinal);
        Assert.Contains($"{StoreSettings.ModelId}.gguf", Cache.Files());
    }

    [Fact]
    public async Task List_shows_the_catalog_with_what_is_present()
    {
        await RunAsync("pull", StoreSettings.ModelId);

        var (exit, output, _) = await RunAsync("list");

        Assert.Equal(0, exit);
        Assert.Matches($@"{StoreSettings.ModelId}\s*│\s*present", output);
        Assert.Contains("qwen2.5-0.5b-instruct", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_validates_and_copies_a_local_file()
    {
        var path = Path.Combine(Cache.Path, "..", $"{Guid.NewGuid():N}.gguf");
        await File.WriteAllBytesAsync(path, TestModels.Small, TestContext.Current.CancellationToken);
        try
        {
            var (exit, output, _) = await RunAsync("import", path, "--id", "imported");

            Assert.Equal(0, exit);
            Assert.Contains("imported: imported", output, StringComparison.Ordinal);
            Assert.Contains("imported.gguf", Cache.Files());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Import_of_a_corrupt_file_fails_with_one_line_and_exit_1()
    {
        var path = Path.Combine(Cache.Path, "..", $"{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(path, "not a model", TestContext.Current.CancellationToken);
        try
        {
            var (exit, _, error) = await RunAsync("import", path);

            Assert.Equal(StoreCli.Failed, exit);
            Assert.StartsWith("error: Not a GGUF file", error, StringComparison.Ordinal);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Verify_reports_a_corrupted_file_and_exits_non_zero()
    {
        await RunAsync("pull", StoreSettings.ModelId);
        var (intactExit, intactOutput, _) = await RunAsync("verify");
        await using (var file = File.OpenWrite(Path.Combine(Cache.Path, $"{StoreSettings.ModelId}.gguf")))
        {
            file.Position = 1000;
            file.WriteByte(0xFF);
        }

        var (exit, output, _) = await RunAsync("verify");

        Assert.Equal(0, intactExit);
        Assert.Contains("1 verified, 0 corrupt", intactOutput, StringComparison.Ordinal);
        Assert.Equal(StoreCli.Failed, exit);
        Assert.Contains($"CORRUPT  {StoreSettings.ModelId}", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreCli.BadUsage, "pull")]
    [InlineData(StoreCli.BadUsage, "import")]
    [InlineData(StoreCli.BadUsage, "list", "--nonsense")]
    [InlineData(StoreCli.Failed, "pull", "no-such-model")]
    [InlineData(StoreCli.Failed, "pull", "../escape")]
    [InlineData(StoreCli.BadUsage, "list", "--ModelStore:Endpoint=not a url")]
    public async Task Bad_input_is_one_line_on_stderr_and_a_non_zero_exit(int expectedExit, params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(expectedExit, exit);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_known_commands_switch_the_app_to_the_cli() =>
        Assert.Equal([true, true, false, false], new[] { ["pull", "x"], ["verify"], ["--urls", "http://+:80"], Array.Empty<string>() }.Select(StoreCli.IsCommand));

    [Fact]
    public async Task A_cli_pull_while_another_process_downloads_the_same_model_is_refused_and_leaves_that_download_whole()
    {
        Hub.PauseAtOffset = 300_000;
        await using var store = CoreServices.Create(StoreSettings.For(Cache.Path, Hub.Endpoint));
        var serverPull = store.GetRequiredService<DownloadCoordinator>().StartOrJoin(StoreSettings.ModelId).Completion;
        await Hub.PauseReached.Task.WithTimeout();

        var (exit, _, error) = await RunAsync("pull", StoreSettings.ModelId);
        Hub.Resume.TrySetResult();
        var state = await serverPull.WithTimeout();

        Assert.Equal(StoreCli.Failed, exit);
        Assert.Contains("being downloaded by another process", error, StringComparison.Ordinal);
        Assert.Equal(Hub.Sha256Of(TestModels.File), state.Sha256);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        // Settings first, so that a test's own --ModelStore:… argument comes later and wins.
        string[] settings = [$"--ModelStore:CachePath={Cache.Path}", "--ModelStore:Endpoint", Hub.Endpoint.ToString(),
            $"--ModelStore:Catalog:{StoreSettings.ModelId}:Repo={FakeHub.Repo}", $"--ModelStore:Catalog:{StoreSettings.ModelId}:File={TestModels.File}"];
        var exit = await StoreCli.RunAsync([.. settings, .. args], output, error, TestContext.Current.CancellationToken).WithTimeout();
        return (exit, output.ToString(), error.ToString());
    }
}
