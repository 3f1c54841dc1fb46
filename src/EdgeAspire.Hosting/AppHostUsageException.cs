namespace EdgeAspire.Hosting;

/// <summary>Bad input on the command line: shown as one line, exit code 2.</summary>
public sealed class AppHostUsageException(string message) : Exception(message);
