namespace EdgeAspire.Evaluator.Soak;

/// <summary>How one request ended. Only <see cref="Ok"/>, <see cref="Cancelled"/>, <see cref="Refused"/> and
/// <see cref="InvalidRefused"/> are healthy; every other outcome is a problem the report counts.</summary>
public enum SoakOutcome
{
    Ok,
    /// <summary>Cut by the client on purpose, mid-stream.</summary>
    Cancelled,
    /// <summary>HTTP 429: the server's queue was full (back-pressure, not a fault).</summary>
    Refused,
    /// <summary>An invalid request answered with its 4xx.</summary>
    InvalidRefused,
    /// <summary>An invalid request answered 2xx.</summary>
    InvalidAccepted,
    /// <summary>A valid request answered 4xx (other than 429): e.g. a history the server itself wrote, refused.</summary>
    Rejected,
    ServerError,
    /// <summary>A stream that ended without a finish reason and <c>[DONE]</c>, or a reply without choices.</summary>
    Incomplete,
    /// <summary>No answer within the request timeout.</summary>
    Lost,
    /// <summary>The connection failed or broke.</summary>
    Transport,
    /// <summary>An answer whose id an earlier answer already had.</summary>
    Duplicate,
}
