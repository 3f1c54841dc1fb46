using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore.Cache;

/// <summary>
/// The only place paths inside the cache are made. Every path is resolved, checked to be a direct child of the
/// cache folder and refused when it is a symbolic link, so nothing outside the cache is read, served or deleted.
/// </summary>
internal sealed class CacheFolder
{
    public const string ModelSuffix = ".gguf";
    public const string PartialSuffix = ".gguf.partial";
    public const string ImportSuffix = ".gguf.import";
    public const string StateSuffix = ".json";

    public CacheFolder(IOptions<ModelStoreOptions> options)
    {
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.CachePath));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string ModelPath(string id) => Resolve(id, ModelSuffix);

    public string PartialPath(string id) => Resolve(id, PartialSuffix);

    public string ImportPath(string id) => Resolve(id, ImportSuffix);

    public string StatePath(string id) => Resolve(id, StateSuffix);

    /// <summary>Ids that have a state file; files with other names (or invalid ids) are left alone.</summary>
    public IEnumerable<string> StateIds() =>
        Directory.EnumerateFiles(Root, "*" + StateSuffix)
            .Select(path => Path.GetFileName(path)[..^StateSuffix.Length])
            .Where(ModelIds.IsValid);

    private string Resolve(string id, string suffix)
    {
        var name = ModelIds.Require(id) + suffix;
        var path = Path.GetFullPath(Path.Combine(Root, name));
        if (!string.Equals(Path.GetDirectoryName(path), Root, StringComparison.Ordinal) || new FileInfo(path).LinkTarget is not null)
        {
            throw ModelStoreException.UnsafePath(name);
        }
        return path;
    }
}
