namespace EdgeAspire.Evaluator.Backends;

/// <summary>The model could not be reached or refused a request; the message is one line for the user.</summary>
public sealed class BackendException(string message, int? status = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status, when the server answered.</summary>
    public int? Status { get; } = status;

    /// <summary>Nothing answered (refused connection, unknown host, timeout): not bad input.</summary>
    public bool Unreachable => Status is null && InnerException is HttpRequestException or TaskCanceledException;
}
