using Microsoft.Extensions.Http.Resilience;

namespace EdgeAspire.ServiceDefaults.Resilience;

/// <summary>
/// Puts our <see cref="HttpResilienceOptions"/> (the <c>HttpResilience:*</c> keys operators already set) onto the
/// standard resilience handler of Microsoft.Extensions.Http.Resilience.
/// </summary>
internal sealed class StandardResilience
{
    public static void Apply(HttpStandardResilienceOptions standard, HttpResilienceOptions ours)
    {
        // Both timeouts end when the response headers arrive; an SSE stream read afterwards is not cut by them.
        standard.TotalRequestTimeout.Timeout = ours.TotalTimeout;
        standard.AttemptTimeout.Timeout = ours.AttemptTimeout;

        standard.Retry.MaxRetryAttempts = ours.MaxRetryAttempts;
        standard.Retry.Delay = ours.BaseDelay;
        standard.Retry.MaxDelay = ours.MaxDelay;
        standard.Retry.UseJitter = ours.UseJitter;
        // Polly caps its own back-off at MaxDelay but takes a server's Retry-After as it comes; ours caps that too.
        standard.Retry.ShouldRetryAfterHeader = false;
        standard.Retry.DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, ours.MaxDelay));
        // Re-sending a POST could run a generation, or a model pull, twice.
        standard.Retry.DisableForUnsafeHttpMethods();
        if (ours.MaxRetryAttempts == 0)
        {
            standard.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
            standard.Retry.MaxRetryAttempts = 1; // the strategy's minimum; it never fires
        }

        // The library insists that the breaker samples at least two attempt timeouts.
        var sampling = ours.AttemptTimeout * 2;
        if (standard.CircuitBreaker.SamplingDuration < sampling)
        {
            standard.CircuitBreaker.SamplingDuration = sampling;
        }
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), capped at <paramref name="maxDelay"/>.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan maxDelay)
    {
        var delay = response?.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return delay is { } value ? TimeSpan.FromTicks(Math.Clamp(value.Ticks, 0, maxDelay.Ticks)) : null;
    }
}
