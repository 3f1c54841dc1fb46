using System.Diagnostics;

namespace EdgeAspire.Arm64.Tests.Infrastructure;

/// <summary>
/// The linux-arm64 services published once per test run by <c>deploy/arm64/smoke.sh</c> (the same
/// <c>deploy/publish.sh</c> the Dockerfiles run), and the Debian 12 arm64 sysroot they run on under
/// <c>qemu-aarch64-static -cpu cortex-a76</c>. Tests skip with one line when qemu or the sysroot cannot be had;
/// a publish that fails is a failure.
/// </summary>
public sealed class Arm64Build : IAsyncLifetime
{
    /// <summary>The emulator smoke.sh runs: <c>EDGEASPIRE_QEMU</c> when set, else Debian's on PATH.</summary>
    public static string Qemu { get; } = Environment.GetEnvironmentVariable("EDGEASPIRE_QEMU") is { Length: > 0 } qemu ? qemu : "qemu-aarch64-static";

    private static readonly TimeSpan s_prepareTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(10);

    public static string Repository { get; } = FindRepository();

    public static string Script => Path.Combine(Repository, "deploy", "arm64", "smoke.sh");

    /// <summary>Why the arm64 tests cannot run here, or null when they can.</summary>
    public string? Unavailable { get; private set; }

    public TimeSpan PublishTime { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Qemu) && !IsOnPath(Qemu))
        {
            Unavailable = $"{Qemu} is not installed (Debian: apt-get install qemu-user-static); the arm64 tests are skipped";
            return;
        }
        var prepare = await RunScriptAsync(s_prepareTimeout, "prepare");
        if (prepare.ExitCode != 0)
        {
            Unavailable = $"the arm64 sysroot could not be prepared: {LastLine(prepare.Output + prepare.Error)}";
            return;
        }
        var clock = Stopwatch.StartNew();
        var publish = await RunScriptAsync(s_publishTimeout, "publish");
        PublishTime = clock.Elapsed;
        Assert.True(publish.ExitCode == 0, $"publishing for linux-arm64 failed:\n{publish.Output}{publish.Error}");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Skips the calling test with the reason the arm64 build cannot run here.</summary>
    public void RequireAvailable() => Assert.SkipWhen(Unavailable is not null, Unavailable ?? "");

    /// <summary>Runs <c>smoke.sh</c> to its end; one still running after <paramref name="timeout"/> is killed and
    /// reported with exit code -1.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(Script) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await stdout, $"smoke.sh {string.Join(' ', arguments)} did not finish within {timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string LastLine(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "no output";

    private static bool IsOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, name)));

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeAspire.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("EdgeAspire.sln not found above the test output");
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatedArm64 : ICollectionFixture<Arm64Build>
{
    public const string Name = "arm64";
}
