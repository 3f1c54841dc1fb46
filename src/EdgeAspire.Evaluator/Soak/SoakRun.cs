using System.Diagnostics;
using System.Net;

namespace EdgeAspire.Evaluator.Soak;

/// <summary>Runs the clients for the plan's duration while sampling the server every interval (and once at the
/// start and the end); requests in flight at the end finish and are checked.</summary>
public static class SoakRun
{
    public static async Task<SoakResult> RunAsync(SoakPlan plan, Action<ServerSample, SoakTally>? onSample, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = plan.Clients + 4, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(plan.Endpoint.ToString().TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        if (plan.ApiKey is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        using var metricsHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var sampler = new ServerSampler(metricsHttp, plan.Pid, plan.MetricsUrl);
        var tally = new SoakTally();
        var samples = new List<ServerSample>();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();

        async Task SampleAsync()
        {
            var sample = await sampler.SampleAsync(clock.Elapsed, cancellationToken).ConfigureAwait(false);
            samples.Add(sample);
            onSample?.Invoke(sample, tally);
        }

        await SampleAsync().ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(plan.Duration);
        var clients = Enumerable.Range(0, plan.Clients).Select(i => Task.Run(() => new SoakClient(http, plan, tally, i).RunAsync(stop.Token), CancellationToken.None)).ToList();
        using (var timer = new PeriodicTimer(plan.SampleInterval))
        {
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
                {
                    await SampleAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The duration is over.
            }
        }
        await Task.WhenAll(clients).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await SampleAsync().ConfigureAwait(false);
        return new SoakResult(plan, started, clock.Elapsed, tally, samples);
    }
}
