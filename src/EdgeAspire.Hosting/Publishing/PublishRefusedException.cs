namespace EdgeAspire.Hosting.Publishing;

/// <summary>The composition cannot run on the cluster as described (a model larger than a node): one line, non-zero exit.</summary>
public sealed class PublishRefusedException(string message) : Exception(message);
