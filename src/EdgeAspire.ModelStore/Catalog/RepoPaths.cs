namespace EdgeAspire.ModelStore.Catalog;

/// <summary>URL building for <c>{endpoint}/{repo}/resolve/{revision}/{file}</c> from validated parts.</summary>
internal static class RepoPaths
{
    /// <summary>A file inside a repo: relative, forward slashes, no empty, <c>.</c> or <c>..</c> segments.</summary>
    public static bool IsSafeFile(string? file) =>
        !string.IsNullOrWhiteSpace(file) && !file.Contains('\\', StringComparison.Ordinal) && !Path.IsPathRooted(file)
        && file.Split('/').All(segment => segment is { Length: > 0 } and not "." and not "..");

    public static Uri Resolve(string endpoint, CatalogEntry entry) =>
        new($"{endpoint.TrimEnd('/')}/{Escape(entry.Repo)}/resolve/{Uri.EscapeDataString(entry.Revision)}/{Escape(entry.File)}");

    /// <summary>The Hub lists one folder per call, so a file in a subfolder is looked up in that folder.</summary>
    public static Uri Tree(string endpoint, CatalogEntry entry)
    {
        var folder = entry.File.Contains('/', StringComparison.Ordinal) ? "/" + Escape(entry.File[..entry.File.LastIndexOf('/')]) : "";
        return new($"{endpoint.TrimEnd('/')}/api/models/{Escape(entry.Repo)}/tree/{Uri.EscapeDataString(entry.Revision)}{folder}");
    }

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
}
