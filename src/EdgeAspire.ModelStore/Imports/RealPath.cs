namespace EdgeAspire.ModelStore.Imports;

/// <summary>A path with every symbolic link along it resolved, as realpath(3) gives it: a link anywhere in the path,
/// not only the last part, can lead out of a folder.</summary>
internal static class RealPath
{
    // Linux gives up after 40 links (ELOOP); so do we.
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string fullPath, ref int links)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not { } target)
            {
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new IOException($"too many symbolic links in '{fullPath}'");
            }
            current = Resolve(Path.GetFullPath(target, Path.GetDirectoryName(current)!), ref links);
        }
        return current;
    }
}
