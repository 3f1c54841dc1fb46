using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdgeAspire.Dashboard.Storage;
using EdgeAspire.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EdgeAspire.Dashboard.Tests;

/// <summary>The receiver decodes what the real OpenTelemetry .NET exporter sends over OTLP/HTTP protobuf.</summary>
public sealed class OtlpExporterDecodingTests
{
    private static ResourceBuilder Resource() => ResourceBuilder.CreateEmpty()
        .AddService("decoder-test", serviceInstanceId: "instance-1")
        .AddAttributes([new("k8s.node.name", "pi-3"), new("host.cores", 4L)]);

    private static Action<OtlpExporterOptions> To(DashboardHost host, string signal) => options =>
    {
        options.Endpoint = new Uri(host.BaseAddress, $"v1/{signal}");
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.ExportProcessorType = ExportProcessorType.Simple;
    };

    [Fact]
    public async Task Spans_arrive_with_ids_kinds_times_attributes_events_status_and_resource()
    {
        await using var host = await DashboardHost.StartAsync();
        var sourceName = $"decoder-test-{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        string traceId, rootId, decodeId;
        using (var provider = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(Resource()).AddSource(sourceName)
            .AddOtlpExporter(To(host, "traces")).Build())
        {
            using (var root = source.StartActivity("chat m", ActivityKind.Server)!)
            {
                root.SetTag("gen_ai.request.model", "m");
                root.SetTag("gen_ai.usage.output_tokens", 3);
                root.SetTag("edgeaspire.decode.tokens_per_second", 12.5);
                root.SetTag("edgeaspire.streamed", true);
                root.SetTag("gen_ai.response.finish_reasons", new[] { "length" });
                using (var decode = source.StartActivity("decode")!)
                {
                    for (var i = 0; i < 3; i++)
                    {
                        decode.AddEvent(new ActivityEvent("token", tags: new ActivityTagsCollection { ["edgeaspire.token.index"] = i, ["edgeaspire.token.gap_ms"] = 1.5 }));
                    }
                    decode.SetStatus(ActivityStatusCode.Error, "cancelled by the client");
                    decodeId = decode.SpanId.ToHexString();
                }
                (traceId, rootId) = (root.TraceId.ToHexString(), root.SpanId.ToHexString());
            }
            Assert.True(provider.ForceFlush(10_000));
        }

        var spans = host.Store.Spans().Where(s => s.TraceId == traceId).ToList();
        var chat = Assert.Single(spans, s => s.Name == "chat m");
        var decodeSpan = Assert.Single(spans, s => s.Name == "decode");
        Assert.Equal((rootId, "", 2), (chat.SpanId, chat.ParentSpanId, chat.Kind));
        Assert.Equal((decodeId, rootId, 1), (decodeSpan.SpanId, decodeSpan.ParentSpanId, decodeSpan.Kind));
        Assert.Equal("m", chat.Attributes["gen_ai.request.model"]);
        Assert.Equal(3L, chat.Attributes["gen_ai.usage.output_tokens"]);
        Assert.Equal(12.5, chat.Attributes["edgeaspire.decode.tokens_per_second"]);
        Assert.Equal(true, chat.Attributes["edgeaspire.streamed"]);
        Assert.Equal(new object?[] { "length" }, chat.Attributes["gen_ai.response.finish_reasons"]);
        Assert.True(chat.StartUnixNano <= decodeSpan.StartUnixNano && decodeSpan.EndUnixNano <= chat.EndUnixNano);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - chat.StartUnixNano / 1_000_000, 0, 60_000);
        Assert.Equal((SpanData.StatusError, "cancelled by the client"), (decodeSpan.StatusCode, decodeSpan.StatusMessage));
        Assert.Equal([0L, 1L, 2L], decodeSpan.Events.Select(e => e.Attributes["edgeaspire.token.index"]));
        Assert.All(decodeSpan.Events, e => Assert.Equal(("token", 1.5), (e.Name, e.Attributes["edgeaspire.token.gap_ms"])));
        Assert.True(decodeSpan.Events.Zip(decodeSpan.Events.Skip(1)).All(p => p.First.TimeUnixNano <= p.Second.TimeUnixNano));
        Assert.Equal(("decoder-test", "instance-1", sourceName), (chat.Resource.ServiceName, chat.Resource.InstanceId, chat.Scope));
        Assert.Equal("pi-3", chat.Resource.Attributes["k8s.node.name"]);
        Assert.Equal(4L, chat.Resource.Attributes["host.cores"]);
    }

    [Fact]
    public async Task Counters_histograms_and_gauges_arrive_as_cumulative_points_with_their_attributes()
    {
        await using var host = await DashboardHost.StartAsync();
        var meterName = $"decoder-test-{Guid.NewGuid():N}";
        using var meter = new Meter(meterName);
        var tokens = meter.CreateCounter<long>("test.generated_tokens", "{token}");
        var ttft = meter.CreateHistogram<double>("test.time_to_first_token", "s");
        meter.CreateObservableGauge("test.kv_cache.usage", () => new Measurement<double>(0.25, new KeyValuePair<string, object?>("gen_ai.request.model", "m")));
        using (var provider = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(Resource()).AddMeter(meterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                To(host, "metrics")(exporter);
                reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative;
            }).Build())
        {
            var model = new KeyValuePair<string, object?>("gen_ai.request.model", "m");
            tokens.Add(5, model);
            tokens.Add(7, model);
            ttft.Record(0.1, model);
            ttft.Record(0.3, model);
            Assert.True(provider.ForceFlush(10_000));
        }

        var points = host.Store.Metrics().Where(p => p.Scope == meterName).ToList();
        var sum = points.Last(p => p.Name == "test.generated_tokens");
        Assert.Equal((MetricPointKind.Sum, "{token}", 12.0, false), (sum.Kind, sum.Unit, sum.Value, sum.IsDelta));
        Assert.Equal("m", sum.Attributes["gen_ai.request.model"]);
        Assert.True(sum.TimeUnixNano >= sum.StartUnixNano && sum.StartUnixNano > 0);
        var histogram = points.Last(p => p.Name == "test.time_to_first_token");
        Assert.Equal((MetricPointKind.Histogram, "s", 2UL), (histogram.Kind, histogram.Unit, histogram.Count));
        Assert.Equal(0.4, histogram.Sum, 9);
        Assert.Equal(histogram.Bounds.Count + 1, histogram.BucketCounts.Count);
        Assert.Equal(2UL, histogram.BucketCounts.Aggregate(0UL, (a, b) => a + b));
        var gauge = points.Last(p => p.Name == "test.kv_cache.usage");
        Assert.Equal((MetricPointKind.Gauge, 0.25), (gauge.Kind, gauge.Value));
        Assert.Equal("decoder-test", gauge.Resource.ServiceName);
    }

    [Fact]
    public async Task Log_records_arrive_with_severity_message_attributes_and_trace_context()
    {
        await using var host = await DashboardHost.StartAsync();
        var sourceName = $"decoder-test-{Guid.NewGuid():N}";
        using var source = new ActivitySource(sourceName);
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        string traceId;
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(Resource());
            options.IncludeFormattedMessage = true;
            options.AddOtlpExporter(To(host, "logs"));
        })))
        {
            var logger = factory.CreateLogger("EdgeAspire.Test");
            using (var activity = source.StartActivity("work")!)
            {
                logger.LogWarning("Model {Model} loaded in {Milliseconds} ms", "m", 12);
                traceId = activity.TraceId.ToHexString();
            }
        }

        var record = Assert.Single(host.Store.Logs(), l => l.Record.Resource.ServiceName == "decoder-test").Record;
        Assert.Equal((13, "Warning"), (record.SeverityNumber, record.SeverityText));
        Assert.Equal("Model m loaded in 12 ms", record.Body);
        Assert.Equal(("m", 12L), (record.Attributes["Model"], record.Attributes["Milliseconds"]));
        Assert.Equal(traceId, record.TraceId);
        Assert.Equal(16, record.SpanId.Length);
        Assert.Equal("EdgeAspire.Test", record.Scope);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - record.TimeUnixNano / 1_000_000, 0, 60_000);
    }
}
