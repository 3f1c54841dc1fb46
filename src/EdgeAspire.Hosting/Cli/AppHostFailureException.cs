namespace EdgeAspire.Hosting.Cli;

/// <summary>A failure the user can act on (no network, a resource that never became healthy): one line, exit code 1.</summary>
public sealed class AppHostFailureException(string message) : Exception(message);
