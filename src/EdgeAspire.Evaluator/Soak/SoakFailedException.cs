namespace EdgeAspire.Evaluator.Soak;

/// <summary>The soak ran to the end but found problems (or memory grew past the limit): exit code 1, report kept.</summary>
public sealed class SoakFailedException(string message) : InvalidOperationException(message);
