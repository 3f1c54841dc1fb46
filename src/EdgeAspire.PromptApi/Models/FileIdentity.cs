namespace EdgeAspire.PromptApi.Models;

/// <summary>What tells one version of a file from the next without reading it: a copy, a download or an edit
/// changes the size or the modification time.</summary>
internal readonly record struct FileIdentity(long Length, DateTime Modified)
{
    public static FileIdentity Of(FileInfo file) => new(file.Length, file.LastWriteTimeUtc);
}
