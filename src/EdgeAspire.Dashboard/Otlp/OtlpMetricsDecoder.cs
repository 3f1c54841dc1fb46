using Google.Protobuf;
using EdgeAspire.Dashboard.Storage;
using static Google.Protobuf.WireFormat.WireType;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>ExportMetricsServiceRequest (metrics/v1): Metric{name 1, unit 3, gauge 5, sum 7, histogram 9,
/// exponential_histogram 10, summary 11}; each kind holds data_points 1 and (sums, histograms)
/// aggregation_temporality 2 (1 delta, 2 cumulative). One <see cref="MetricPoint"/> per data point.</summary>
public static class OtlpMetricsDecoder
{
    private const int TemporalityDelta = 1;

    /// <exception cref="OtlpFormatException">The body is not a valid protobuf message.</exception>
    public static IReadOnlyList<MetricPoint> Decode(ReadOnlySpan<byte> body) => OtlpEnvelope.Read<MetricPoint>(body, ReadMetric);

    private static void ReadMetric(CodedInputStream input, TelemetryResource resource, string scope, List<MetricPoint> into)
    {
        string name = "", unit = "";
        var kind = MetricPointKind.Gauge;
        ByteString? data = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 1 when Proto.Is(tag, LengthDelimited): name = input.ReadString(); break;
                case 3 when Proto.Is(tag, LengthDelimited): unit = input.ReadString(); break;
                case 5 when Proto.Is(tag, LengthDelimited): (kind, data) = (MetricPointKind.Gauge, input.ReadBytes()); break;
                case 7 when Proto.Is(tag, LengthDelimited): (kind, data) = (MetricPointKind.Sum, input.ReadBytes()); break;
                case 9 when Proto.Is(tag, LengthDelimited): (kind, data) = (MetricPointKind.Histogram, input.ReadBytes()); break;
                case 10 when Proto.Is(tag, LengthDelimited): (kind, data) = (MetricPointKind.ExponentialHistogram, input.ReadBytes()); break;
                case 11 when Proto.Is(tag, LengthDelimited): (kind, data) = (MetricPointKind.Summary, input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        }
        if (data is null)
        {
            return;
        }
        var points = new List<ByteString>();
        var delta = false;
        var body = data.CreateCodedInput();
        while ((tag = body.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 1 when Proto.Is(tag, LengthDelimited): points.Add(body.ReadBytes()); break;
                case 2 when Proto.Is(tag, Varint) && kind != MetricPointKind.Summary: delta = body.ReadEnum() == TemporalityDelta; break;
                default: body.SkipLastField(); break;
            }
        }
        var metric = new MetricPoint(name, unit, kind, 0, 0, 0, 0, 0, [], [], delta, new Dictionary<string, object?>(), resource, scope);
        foreach (var point in points)
        {
            into.Add(ReadPoint(point.CreateCodedInput(), metric));
        }
    }

    /// <summary>Field numbers differ by kind: NumberDataPoint{start 2, time 3, as_double 4, as_int 6, attributes 7};
    /// HistogramDataPoint{start 2, time 3, count 4, sum 5, bucket_counts 6, explicit_bounds 7, attributes 9};
    /// ExponentialHistogramDataPoint{attributes 1, start 2, time 3, count 4, sum 5};
    /// SummaryDataPoint{start 2, time 3, count 4, sum 5, attributes 7}.</summary>
    private static MetricPoint ReadPoint(CodedInputStream input, MetricPoint metric)
    {
        var isNumber = metric.Kind is MetricPointKind.Gauge or MetricPointKind.Sum;
        var attributesField = metric.Kind switch
        {
            MetricPointKind.Histogram => 9,
            MetricPointKind.ExponentialHistogram => 1,
            _ => 7,
        };
        long start = 0, time = 0;
        double value = 0, sum = 0;
        ulong count = 0;
        var bounds = new List<double>();
        var buckets = new List<ulong>();
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = Proto.Field(tag);
            if (field == attributesField && Proto.Is(tag, LengthDelimited))
            {
                OtlpCommon.KeyValue(Proto.Message(input), attributes, 0);
                continue;
            }
            switch (field)
            {
                case 2 when Proto.Is(tag, Fixed64): start = (long)input.ReadFixed64(); break;
                case 3 when Proto.Is(tag, Fixed64): time = (long)input.ReadFixed64(); break;
                case 4 when isNumber && Proto.Is(tag, Fixed64): value = input.ReadDouble(); break;
                case 6 when isNumber && Proto.Is(tag, Fixed64): value = input.ReadSFixed64(); break;
                case 4 when !isNumber && Proto.Is(tag, Fixed64): count = input.ReadFixed64(); break;
                case 5 when !isNumber && Proto.Is(tag, Fixed64): sum = input.ReadDouble(); break;
                case 6 when metric.Kind == MetricPointKind.Histogram: Proto.Repeated(input, tag, buckets, i => i.ReadFixed64()); break;
                case 7 when metric.Kind == MetricPointKind.Histogram: Proto.Repeated(input, tag, bounds, i => i.ReadDouble()); break;
                default: input.SkipLastField(); break;
            }
        }
        return metric with
        {
            TimeUnixNano = time, StartUnixNano = start, Value = value, Count = count, Sum = sum,
            Bounds = bounds, BucketCounts = buckets, Attributes = attributes,
        };
    }
}
