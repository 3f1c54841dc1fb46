namespace EdgeAspire.Llama.Tests;

/// <summary>
/// Locates test data. Shared fixtures live outside the repository in <c>../shared/fixtures</c> (next to the
/// folder holding EdgeAspire.sln) or wherever <c>EDGEASPIRE_FIXTURES</c> points; tests that need them skip when
/// they are absent.
/// </summary>
public static class Fixtures
{
    public const string EnvironmentVariable = "EDGEASPIRE_FIXTURES";

    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The shared fixtures folder, or null when it is not there.</summary>
    public static string? Root => s_root.Value;

    /// <summary>Path of <c>models/{name}</c> in the shared fixtures (e.g. "stories260K.gguf", "vocab/…"), or null.</summary>
    public static string? SharedModel(string name)
    {
        var path = Root is null ? null : Path.Combine(Root, "models", name);
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>As <see cref="SharedModel"/>, but skips the calling test when the file is absent.</summary>
    public static string RequireSharedModel(string name)
    {
        var path = SharedModel(name);
        Assert.SkipWhen(path is null, $"shared fixture models/{name} is not available (set {EnvironmentVariable} or provide ../shared/fixtures)");
        return path!;
    }

    private static string? FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? Path.GetFullPath(fromEnvironment) : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EdgeAspire.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    }
}
