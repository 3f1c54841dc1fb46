using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using EdgeAspire.ServiceDefaults.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// Aggregates the measurements of the meters named by <see cref="ServiceTelemetryOptions.PrometheusMeters"/> with a
/// <see cref="MeterListener"/> of its own — independent of the OpenTelemetry SDK, so <c>/metrics</c> works with or
/// without OTLP — and renders them in the Prometheus text format 0.0.4 on scrape.
/// It sees meters created by this host's <see cref="IMeterFactory"/> and meters created with <c>new Meter(…)</c>;
/// not those of another host's factory in the same process (tests run several hosts side by side).
/// </summary>
internal sealed partial class PrometheusCollector : IHostedLifecycleService, IDisposable
{
    private readonly MeterNameFilter _filter;
    private readonly IMeterFactory _meterFactory;
    private readonly ILogger<PrometheusCollector> _logger;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregator> _aggregators = new();
    private readonly Lock _scrapeGate = new();
    private int _started;

    public PrometheusCollector(
        IOptions<ServiceTelemetryOptions> options, IMeterFactory meterFactory, ILogger<PrometheusCollector> logger)
    {
        _filter = new MeterNameFilter(options.Value.PrometheusMeters);
        _meterFactory = meterFactory;
        _logger = logger;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = (instrument, _) => _aggregators.TryRemove(instrument, out var _),
        };
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((InstrumentAggregator)state!).Record((double)value, tags));
    }

    /// <summary>Starts listening; instruments that exist already are published to the listener at once.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _listener.Start();
        }
    }

    /// <summary>Runs the observable instruments' callbacks and renders every metric family.</summary>
    public string Collect()
    {
        lock (_scrapeGate)
        {
            var aggregators = _aggregators.Values.ToArray();
            foreach (var observed in aggregators.OfType<ObservedAggregator>())
            {
                observed.BeginCollect();
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException exception)
            {
                // The listener runs every callback before throwing: the others' observations are still good.
                LogObservationFailed(_logger, exception);
            }

            var output = new StringBuilder(8192);
            foreach (var family in aggregators.GroupBy(a => a.FamilyName, StringComparer.Ordinal).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                WriteFamily(output, family.Key, [.. family]);
            }

            return output.ToString();
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private static void WriteFamily(StringBuilder output, string name, InstrumentAggregator[] members)
    {
        // Instruments of another kind that map to the same name cannot share one # TYPE: the first kind wins.
        var kind = members[0].Kind;
        var samples = new StringBuilder();
        foreach (var member in members.Where(m => m.Kind == kind))
        {
            member.WriteSamples(samples);
        }

        if (samples.Length == 0)
        {
            return; // nothing recorded yet: no family, as with the OpenTelemetry SDK's exporters
        }

        if (members.Select(m => m.Help).FirstOrDefault(h => !string.IsNullOrEmpty(h)) is { } help)
        {
            output.Append("# HELP ").Append(name).Append(' ').Append(PrometheusNames.EscapeHelp(help)).Append('\n');
        }

        output.Append("# TYPE ").Append(name).Append(' ').Append(kind.ToString().ToLowerInvariant()).Append('\n');
        output.Append(samples);
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var scope = instrument.Meter.Scope;
        if ((scope is not null && !ReferenceEquals(scope, _meterFactory)) || !_filter.Matches(instrument.Meter.Name))
        {
            return;
        }

        if (CreateAggregator(instrument) is { } aggregator && _aggregators.TryAdd(instrument, aggregator))
        {
            listener.EnableMeasurementEvents(instrument, aggregator);
        }
    }

    private static InstrumentAggregator? CreateAggregator(Instrument instrument)
    {
        var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        string Name(MetricKind kind) => PrometheusNames.MetricName(instrument.Name, instrument.Unit, kind);
        var help = instrument.Description;

        if (definition == typeof(Counter<>))
        {
            return new ValueAggregator(Name(MetricKind.Counter), MetricKind.Counter, help, ValueAggregator.Mode.MonotonicSum);
        }

        if (definition == typeof(UpDownCounter<>))
        {
            return new ValueAggregator(Name(MetricKind.Gauge), MetricKind.Gauge, help, ValueAggregator.Mode.Sum);
        }

        if (definition == typeof(Gauge<>))
        {
            return new ValueAggregator(Name(MetricKind.Gauge), MetricKind.Gauge, help, ValueAggregator.Mode.LastValue);
        }

        if (definition == typeof(Histogram<>))
        {
            return new HistogramAggregator(Name(MetricKind.Histogram), help, AdviceBoundaries(instrument));
        }

        if (definition == typeof(ObservableCounter<>))
        {
            return new ObservedAggregator(Name(MetricKind.Counter), MetricKind.Counter, help);
        }

        if (definition == typeof(ObservableUpDownCounter<>) || definition == typeof(ObservableGauge<>))
        {
            return new ObservedAggregator(Name(MetricKind.Gauge), MetricKind.Gauge, help);
        }

        return null;
    }

    private static double[]? AdviceBoundaries(Instrument instrument) => instrument switch
    {
        Instrument<double> typed => Convert(typed.Advice?.HistogramBucketBoundaries),
        Instrument<float> typed => Convert(typed.Advice?.HistogramBucketBoundaries),
        Instrument<long> typed => Convert(typed.Advice?.HistogramBucketBoundaries),
        Instrument<int> typed => Convert(typed.Advice?.HistogramBucketBoundaries),
        Instrument<short> typed => Convert(typed.Advice?.HistogramBucketBoundaries),
        Instrument<byte> typed => Convert(typed.Advice?.HistogramBucketBoundaries),
        Instrument<decimal> typed => Convert(typed.Advice?.HistogramBucketBoundaries),
        _ => null,
    };

    private static double[]? Convert<T>(IReadOnlyList<T>? boundaries)
        where T : struct, IConvertible =>
        boundaries is null ? null : [.. boundaries.Select(b => b.ToDouble(CultureInfo.InvariantCulture))];

    [LoggerMessage(Level = LogLevel.Warning, Message = "An observable instrument's callback failed during a /metrics scrape")]
    private static partial void LogObservationFailed(ILogger logger, Exception exception);
}
