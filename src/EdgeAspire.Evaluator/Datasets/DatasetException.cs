namespace EdgeAspire.Evaluator.Datasets;

/// <summary>A dataset that cannot be used as given: the message names the file and line and is shown as is.</summary>
public sealed class DatasetException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The dataset's source could not be reached or did not serve the file: not bad input, and a local file
    /// (<c>--dataset path</c>) is the way round it.</summary>
    public bool Unreachable { get; init; }
}
