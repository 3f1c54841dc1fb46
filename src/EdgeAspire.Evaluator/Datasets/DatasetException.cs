namespace EdgeAspire.Evaluator.Datasets;

/// <summary>A dataset that cannot be used as given: the message names the file and line and is shown as is.</summary>
public sealed class DatasetException(string message, Exception? inner = null) : Exception(message, inner);
