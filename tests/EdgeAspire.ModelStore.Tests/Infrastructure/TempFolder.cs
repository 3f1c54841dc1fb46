namespace EdgeAspire.ModelStore.Tests.Infrastructure;

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("edgeaspire-store-").FullName;

    public string[] Files() => [.. Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
