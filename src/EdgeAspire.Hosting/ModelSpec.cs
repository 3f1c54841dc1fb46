namespace EdgeAspire.Hosting;

/// <summary>A model a worker serves: a local GGUF file, or (when <see cref="FilePath"/> is null) an id of the
/// ModelStore's catalog that the worker pulls on first use.</summary>
public sealed record ModelSpec(string Id, string? FilePath)
{
    public bool IsLocalFile => FilePath is not null;
}
