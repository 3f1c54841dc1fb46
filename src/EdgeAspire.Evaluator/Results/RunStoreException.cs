namespace EdgeAspire.Evaluator.Results;

/// <summary>A run cannot be resumed as asked (unknown id, other command, other settings).</summary>
public sealed class RunStoreException(string message) : Exception(message);
