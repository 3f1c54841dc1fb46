namespace EdgeAspire.ModelStore.Downloads;

/// <summary>
/// Retries transient failures (5xx, dropped connections, stalls) with exponential back-off. The count is of failures
/// in a row: <see cref="Reset"/> after progress, so a long download over a flaky link is not failed by drops that
/// each still moved it forward, while a server that never gets anywhere fails after <see cref="ModelStoreOptions.MaxRetries"/>.
/// </summary>
internal sealed class Backoff(ModelStoreOptions options, TimeProvider time)
{
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromSeconds(30);
    private int _failures;

    public void Reset() => _failures = 0;

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (++_failures > options.MaxRetries)
                {
                    throw ModelStoreException.Upstream(what, (e as TransientStatusException)?.Status,
                        $"{Describe(e)} (gave up after {_failures} attempts in a row)", e);
                }
                var delay = options.RetryDelay * Math.Pow(2, Math.Min(_failures - 1, 16));
                await Task.Delay(delay < s_maxDelay ? delay : s_maxDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // A cancellation the caller did not ask for is our read timeout firing: a stalled server.
    // A name that does not resolve (offline, air-gapped) will not resolve in a minute either: fail at once.
    private static bool IsTransient(Exception e, CancellationToken cancellationToken) =>
        e is TransientStatusException or IOException
        || (e is HttpRequestException http && http.HttpRequestError != HttpRequestError.NameResolutionError)
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static string Describe(Exception e) => e is OperationCanceledException ? "no data within ModelStore:ReadTimeout" : e.Message;
}
