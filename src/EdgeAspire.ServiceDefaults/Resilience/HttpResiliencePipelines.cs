using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace EdgeAspire.ServiceDefaults.Resilience;

/// <summary>
/// Two pipelines built once from <see cref="HttpResilienceOptions"/>: idempotent requests get
/// total timeout → retry → attempt timeout; the others only the total timeout, because re-sending a POST could
/// run a generation (or an import) twice.
/// </summary>
internal sealed class HttpResiliencePipelines
{
    public HttpResiliencePipelines(IOptions<HttpResilienceOptions> options, TimeProvider? timeProvider = null)
    {
        var settings = options.Value;
        var time = timeProvider ?? TimeProvider.System;

        var retrying = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(settings.TotalTimeout);
        if (settings.MaxRetryAttempts > 0)
        {
            retrying.AddRetry(RetryOptions(settings, time)).AddTimeout(settings.AttemptTimeout);
        }

        Idempotent = retrying.Build();
        NonIdempotent = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(settings.TotalTimeout)
            .Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Idempotent { get; }

    public ResiliencePipeline<HttpResponseMessage> NonIdempotent { get; }

    public ResiliencePipeline<HttpResponseMessage> For(HttpMethod method) =>
        IsIdempotent(method) ? Idempotent : NonIdempotent;

    // RFC 9110 §9.2.2. POST and PATCH are not idempotent.
    internal static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;

    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static RetryStrategyOptions<HttpResponseMessage> RetryOptions(HttpResilienceOptions settings, TimeProvider time) => new()
    {
        MaxRetryAttempts = settings.MaxRetryAttempts,
        BackoffType = DelayBackoffType.Exponential,
        Delay = settings.BaseDelay,
        MaxDelay = settings.MaxDelay,
        UseJitter = settings.UseJitter,
        ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, settings.MaxDelay, time)),
    };

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), capped at <paramref name="maxDelay"/>.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan maxDelay, TimeProvider time)
    {
        var retryAfter = response?.Headers.RetryAfter;
        var delay = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return delay is { } value ? TimeSpan.FromTicks(Math.Clamp(value.Ticks, 0, maxDelay.Ticks)) : null;
    }
}
