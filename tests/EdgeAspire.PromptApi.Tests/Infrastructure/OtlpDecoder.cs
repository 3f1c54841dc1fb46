using Google.Protobuf;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>Decodes the parts of OTLP/HTTP protobuf exports the tests look at, field by field with Google.Protobuf's
/// <see cref="CodedInputStream"/> (opentelemetry-proto: trace/v1, metrics/v1, common/v1, resource/v1).</summary>
public static class OtlpDecoder
{
    public sealed record Span(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, object> Attributes,
        IReadOnlyList<string> Events, int StatusCode, IReadOnlyDictionary<string, object> Resource, string Scope);

    public sealed record Metric(string Name, string Unit, IReadOnlyDictionary<string, object> Resource, string Scope);

    /// <summary>ExportTraceServiceRequest → ResourceSpans(1) → {Resource(1), ScopeSpans(2) → {Scope(1), Span(2)}}.</summary>
    public static IEnumerable<Span> Spans(byte[] body)
    {
        foreach (var resourceSpans in Fields(body, 1))
        {
            var resource = Attributes(Fields(resourceSpans, 1).SingleOrDefault() ?? [], 1);
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                var scope = ScopeName(scopeSpans);
                foreach (var span in Fields(scopeSpans, 2))
                {
                    var status = Fields(span, 15).SingleOrDefault();
                    yield return new Span(
                        Hex(Fields(span, 1).Single()),
                        Hex(Fields(span, 2).Single()),
                        Hex(Fields(span, 4).SingleOrDefault() ?? []),
                        Text(Fields(span, 5).Single()),
                        (int)Varint(span, 6),
                        Attributes(span, 9),
                        [.. Fields(span, 11).Select(e => Text(Fields(e, 2).Single()))],
                        status is null ? 0 : (int)Varint(status, 3),
                        resource,
                        scope);
                }
            }
        }
    }

    /// <summary>ExportMetricsServiceRequest → ResourceMetrics(1) → {Resource(1), ScopeMetrics(2) → {Scope(1), Metric(2)}}.</summary>
    public static IEnumerable<Metric> Metrics(byte[] body)
    {
        foreach (var resourceMetrics in Fields(body, 1))
        {
            var resource = Attributes(Fields(resourceMetrics, 1).SingleOrDefault() ?? [], 1);
            foreach (var scopeMetrics in Fields(resourceMetrics, 2))
            {
                var scope = ScopeName(scopeMetrics);
                foreach (var metric in Fields(scopeMetrics, 2))
                {
                    yield return new Metric(Text(Fields(metric, 1).Single()), Text(Fields(metric, 3).SingleOrDefault() ?? []), resource, scope);
                }
            }
        }
    }

    private static string ScopeName(byte[] scoped) => Fields(scoped, 1).SingleOrDefault() is { } scope ? Text(Fields(scope, 1).SingleOrDefault() ?? []) : "";

    /// <summary>KeyValue{key(1), AnyValue(2){string(1) | bool(2) | int(3) | double(4) | array(5) | …}}.</summary>
    private static Dictionary<string, object> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var keyValue in Fields(message, field))
        {
            var key = Text(Fields(keyValue, 1).Single());
            var value = Fields(keyValue, 2).SingleOrDefault() ?? [];
            attributes[key] = AnyValue(value);
        }
        return attributes;
    }

    private static object AnyValue(byte[] value)
    {
        var input = new CodedInputStream(value);
        var tag = input.ReadTag();
        return WireFormat.GetTagFieldNumber(tag) switch
        {
            1 => input.ReadString(),
            2 => input.ReadBool(),
            3 => input.ReadInt64(),
            4 => input.ReadDouble(),
            5 => Fields(input.ReadBytes().ToByteArray(), 1).Select(AnyValue).ToArray(),
            _ => "",
        };
    }

    private static List<byte[]> Fields(byte[] message, int number)
    {
        var found = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                found.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }
        return found;
    }

    private static ulong Varint(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                return input.ReadUInt64();
            }
            input.SkipLastField();
        }
        return 0;
    }

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
