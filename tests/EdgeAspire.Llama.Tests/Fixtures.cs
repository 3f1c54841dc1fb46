using System.Collections.Concurrent;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Llama.Tests;

/// <summary>
/// Locates test data. Shared fixtures live outside the repository in <c>../shared/fixtures</c> (next to the
/// folder holding EdgeAspire.sln) or wherever <c>EDGEASPIRE_FIXTURES</c> points; tests that need them skip when
/// they are absent.
/// </summary>
public static class Fixtures
{
    public const string EnvironmentVariable = "EDGEASPIRE_FIXTURES";

    /// <summary>Seed of <see cref="SyntheticModel"/>; tests that compare values can rely on it.</summary>
    public const int SyntheticSeed = 1234;

    private static readonly Lazy<string?> s_root = new(FindRoot);
    private static readonly ConcurrentDictionary<GgmlType, Lazy<string>> s_synthetic = new();
    private static readonly Lazy<string> s_syntheticDirectory = new(CreateSyntheticDirectory);

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

    /// <summary>
    /// A <see cref="GgufPresets.Tiny"/> model of <paramref name="type"/> with <see cref="SyntheticSeed"/>, written
    /// once per test process into a temporary folder (removed at exit) and shared by every test that asks.
    /// </summary>
    public static string SyntheticModel(GgmlType type = GgmlType.F32) =>
        s_synthetic.GetOrAdd(type, t => new Lazy<string>(() =>
        {
            var path = Path.Combine(s_syntheticDirectory.Value, $"tiny-{t}.gguf");
            GgufWriter.Write(path, GgufPresets.Tiny, t, SyntheticSeed);
            return path;
        })).Value;

    /// <summary>A path for <paramref name="fileName"/> in this test process's temporary folder (removed at exit);
    /// for files a test writes for itself and deletes when done.</summary>
    public static string TemporaryPath(string fileName) => Path.Combine(s_syntheticDirectory.Value, fileName);

    /// <summary>A model of any shape, written once per machine into a shared temp folder and reused by later runs
    /// (the writer is deterministic and replaces files atomically, so concurrent test processes agree).</summary>
    public static string CachedModel(GgufModelShape shape, GgmlType type)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "edgeaspire-test-models")).FullName;
        var s = shape;
        var path = Path.Combine(directory, $"{s.Name}-{s.VocabSize}-{s.EmbeddingLength}-{s.BlockCount}-{s.HeadCount}-{s.HeadCountKv}-{s.FeedForwardLength}-{s.ContextLength}-{type}-{SyntheticSeed}.gguf");
        if (!File.Exists(path))
        {
            GgufWriter.Write(path, shape, type, SyntheticSeed);
        }
        return path;
    }

    private static string CreateSyntheticDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("edgeaspire-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still mapped by a native model on some platforms; the OS cleans temp eventually.
            }
        };
        return directory;
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
