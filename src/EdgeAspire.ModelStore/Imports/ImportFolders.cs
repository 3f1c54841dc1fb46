using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Imports;

/// <summary>
/// Which files an HTTP client may import by path: those inside <see cref="ModelStoreOptions.ImportFolders"/> once
/// every symbolic link is resolved. The answer for a path outside them does not depend on whether it exists, so
/// the endpoint tells nothing about the rest of the machine.
/// </summary>
internal sealed class ImportFolders(IOptions<ModelStoreOptions> options)
{
    /// <summary>The real path of <paramref name="requested"/>, which lies inside an import folder.</summary>
    /// <exception cref="ModelStoreException">Import by path is off, or the path leads outside the import folders.</exception>
    public string Resolve(string requested)
    {
        var folders = options.Value.ImportFolders.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (folders.Count == 0)
        {
            throw new ModelStoreException(403, "import_by_path_disabled",
                "Import by path is off: list the folders it may read in ModelStore:ImportFolders, or send the file as the request body.", "path");
        }
        if (string.IsNullOrWhiteSpace(requested) || !Path.IsPathFullyQualified(requested))
        {
            throw new ModelStoreException(400, "invalid_path", $"'{requested}' is not an absolute path of a file on the store's machine.", "path");
        }
        // Lexically first, touching nothing outside the folders; then again with links resolved.
        if (!folders.Any(folder => IsInside(Path.GetFullPath(requested), Path.GetFullPath(folder)))
            || !folders.Any(folder => IsInside(RealPath.Of(requested), RealPath.Of(folder))))
        {
            throw new ModelStoreException(403, "path_not_allowed", $"'{requested}' is not inside an import folder (ModelStore:ImportFolders).", "path");
        }
        return RealPath.Of(requested);
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
