namespace EdgeAspire.Evaluator.Cli;

/// <summary>The command line asks for something impossible; the message says what to give instead.</summary>
public sealed class UsageException(string message) : Exception(message);
