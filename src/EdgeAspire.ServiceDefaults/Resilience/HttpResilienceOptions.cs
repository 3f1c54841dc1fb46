using System.ComponentModel.DataAnnotations;

namespace EdgeAspire.ServiceDefaults.Resilience;

/// <summary>
/// Timeouts and retries for every <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>, bound from
/// <see cref="SectionName"/> (environment <c>HttpResilience__MaxRetryAttempts=5</c>).
/// </summary>
/// <remarks>
/// Both timeouts end when the response headers arrive. The body is read after the handler pipeline has returned,
/// so an SSE stream of tokens (<see cref="HttpCompletionOption.ResponseHeadersRead"/>) that lasts minutes is never
/// cut by them; it is bounded by the caller's cancellation token. A buffered body is bounded by
/// <see cref="HttpClient.Timeout"/>. The defaults leave room for a non-streamed completion on a slow node, which
/// sends no headers until the last token: stream long generations, or raise <see cref="TotalTimeout"/>.
/// </remarks>
public sealed class HttpResilienceOptions : IValidatableObject
{
    public const string SectionName = "HttpResilience";

    private static readonly TimeSpan s_minTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_maxTimeout = TimeSpan.FromDays(1);
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromHours(1);

    /// <summary>Until response headers, over all attempts and the delays between them.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Until response headers, for one attempt of a request that may be retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt of an idempotent request; 0 disables retries.</summary>
    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay; it doubles with each retry (with jitter when <see cref="UseJitter"/>).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of any delay, including one a server asks for with <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public bool UseJitter { get; set; } = true;

    // TimeSpan ranges are checked here: [Range(typeof(TimeSpan), ...)] converts through reflection (not trim-safe).
    // Polly's own bounds: timeouts 10 ms to 1 day.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value, min, max) in new[]
        {
            (nameof(TotalTimeout), TotalTimeout, s_minTimeout, s_maxTimeout),
            (nameof(AttemptTimeout), AttemptTimeout, s_minTimeout, s_maxTimeout),
            (nameof(BaseDelay), BaseDelay, TimeSpan.Zero, s_maxDelay),
            (nameof(MaxDelay), MaxDelay, TimeSpan.Zero, s_maxDelay),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"{name} ({value}) must be between {min} and {max}.", [name]);
            }
        }

        if (AttemptTimeout > TotalTimeout)
        {
            yield return new ValidationResult(
                $"{nameof(AttemptTimeout)} ({AttemptTimeout}) must not exceed {nameof(TotalTimeout)} ({TotalTimeout}).",
                [nameof(AttemptTimeout), nameof(TotalTimeout)]);
        }

        if (BaseDelay > MaxDelay)
        {
            yield return new ValidationResult(
                $"{nameof(BaseDelay)} ({BaseDelay}) must not exceed {nameof(MaxDelay)} ({MaxDelay}).",
                [nameof(BaseDelay), nameof(MaxDelay)]);
        }
    }
}
