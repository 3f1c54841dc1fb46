namespace EdgeAspire.Llama.Tests;

// Temporary: replaced by the fixture locator from the gguf branch.
internal static class Fixtures
{
    public static string? SharedModel(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "EdgeAspire.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        var path = dir is null ? null : Path.GetFullPath(Path.Combine(dir, "..", "shared", "fixtures", "models", name));
        return path is not null && File.Exists(path) ? path : null;
    }
}
