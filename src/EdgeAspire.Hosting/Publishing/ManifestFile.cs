namespace EdgeAspire.Hosting.Publishing;

/// <summary>One YAML file of the output: its name in the folder and its documents in order.</summary>
internal sealed record ManifestFile(string FileName, IReadOnlyList<Node> Documents);
