using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Polls every destination's <c>/health</c> and <c>/v1/models</c> each <see cref="GatewayOptions.ProbeInterval"/>:
/// a worker that fails is taken out of routing and put back when it answers again. A request for a model no worker
/// has listed yet asks for a round now (<see cref="RefreshAsync"/>) rather than waiting for the next one.</summary>
internal sealed partial class WorkerProber : BackgroundService
{
    private readonly WorkerPool _pool;
    private readonly GatewayOptions _options;
    private readonly ILogger<WorkerProber> _logger;
    private readonly HttpClient _http;
    private readonly TimeSpan _minimumGap;
    private readonly Lock _roundLock = new();
    private Task? _round;
    private long _lastOnDemand;

    public WorkerProber(WorkerPool pool, IOptions<GatewayOptions> options, IOptions<PromptApiOptions> apiOptions, ILogger<WorkerProber> logger)
    {
        _pool = pool;
        _options = options.Value;
        _logger = logger;
        // Its own client, not one from IHttpClientFactory: a probe must fail fast, and the resilience handler there
        // would retry it and so hide the failure it is looking for.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = _options.ProbeTimeout }) { Timeout = _options.ProbeTimeout };
        // Workers that require API keys are expected to accept the gateway's first one.
        if (apiOptions.Value.ApiKeys.FirstOrDefault(k => k.Length > 0) is { } key)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        _minimumGap = TimeSpan.FromTicks(Math.Min(_options.ProbeInterval.Ticks, TimeSpan.FromSeconds(1).Ticks));
    }

    /// <summary>Probes now, or awaits the round under way. On-demand rounds (for a model no worker listed) are at most
    /// one per second, so a burst of requests for unknown models costs one round, not one each.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => StartRound(onDemand: true).WaitAsync(cancellationToken);

    private Task StartRound(bool onDemand)
    {
        lock (_roundLock)
        {
            if (_round is { IsCompleted: false })
            {
                return _round;
            }
            if (onDemand)
            {
                if (_lastOnDemand != 0 && Stopwatch.GetElapsedTime(_lastOnDemand) < _minimumGap)
                {
                    return Task.CompletedTask;
                }
                _lastOnDemand = Stopwatch.GetTimestamp();
            }
            return _round = ProbeAllAsync();
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ProbeInterval);
        do
        {
            await StartRound(onDemand: false).WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task ProbeAllAsync()
    {
        // Probes are not part of any request's trace, and a trace every few seconds per worker is noise: an
        // unrecorded parent makes the parent-based sampler drop the HTTP client spans and tells the worker the same.
        Activity.Current = null;
        using var quiet = new Activity("gateway.probe") { ActivityTraceFlags = ActivityTraceFlags.None }.Start();
        await Task.WhenAll(_pool.Destinations.Select(ProbeAsync)).ConfigureAwait(false);
        _pool.MarkProbed();
    }

    private async Task ProbeAsync(WorkerDestination destination)
    {
        try
        {
            using (var health = await _http.GetAsync(new Uri(destination.Prefix + Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath), HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false))
            {
                if (!health.IsSuccessStatusCode)
                {
                    TakeOut(destination, $"{Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath} answered {(int)health.StatusCode}");
                    return;
                }
            }
            var models = await WorkerModelList.GetAsync(_http, destination, CancellationToken.None).ConfigureAwait(false);
            var wasHealthy = destination.Healthy;
            _pool.MarkHealthy(destination, models);
            if (!wasHealthy)
            {
                LogBack(_logger, destination, models.Keys);
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or InvalidDataException)
        {
            TakeOut(destination, e is TaskCanceledException ? $"no answer within {_options.ProbeTimeout.TotalSeconds:0.###} s" : e.Message);
        }
    }

    /// <summary>Also called by the forwarder when a request finds the worker unreachable, before the next probe does.</summary>
    public void TakeOut(WorkerDestination destination, string problem)
    {
        var (wasHealthy, previousProblem) = (destination.Healthy, destination.Problem);
        _pool.MarkUnhealthy(destination, problem);
        if (wasHealthy || previousProblem != problem)
        {
            LogOut(_logger, destination, problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker} is out of routing: {Problem}")]
    private static partial void LogOut(ILogger logger, WorkerDestination worker, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {Worker} is in routing, serving: {Models}")]
    private static partial void LogBack(ILogger logger, WorkerDestination worker, IEnumerable<string> models);
}
