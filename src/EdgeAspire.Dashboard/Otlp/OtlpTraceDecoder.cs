using Google.Protobuf;
using EdgeAspire.Dashboard.Storage;
using static Google.Protobuf.WireFormat.WireType;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>ExportTraceServiceRequest (trace/v1): Span{trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6,
/// start 7, end 8 (fixed64 ns), attributes 9, events 11, status 15}, Event{time 1, name 2, attributes 3},
/// Status{message 2, code 3}.</summary>
public static class OtlpTraceDecoder
{
    /// <exception cref="OtlpFormatException">The body is not a valid protobuf message.</exception>
    public static IReadOnlyList<SpanData> Decode(ReadOnlySpan<byte> body) => OtlpEnvelope.Read<SpanData>(body, ReadSpan);

    private static void ReadSpan(CodedInputStream input, TelemetryResource resource, string scope, List<SpanData> into)
    {
        string traceId = "", spanId = "", parentId = "", name = "", statusMessage = "";
        int kind = 0, statusCode = 0;
        long start = 0, end = 0;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var events = new List<SpanEventData>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 1 when Proto.Is(tag, LengthDelimited): traceId = Proto.Hex(input); break;
                case 2 when Proto.Is(tag, LengthDelimited): spanId = Proto.Hex(input); break;
                case 4 when Proto.Is(tag, LengthDelimited): parentId = Proto.Hex(input); break;
                case 5 when Proto.Is(tag, LengthDelimited): name = input.ReadString(); break;
                case 6 when Proto.Is(tag, Varint): kind = input.ReadEnum(); break;
                case 7 when Proto.Is(tag, Fixed64): start = (long)input.ReadFixed64(); break;
                case 8 when Proto.Is(tag, Fixed64): end = (long)input.ReadFixed64(); break;
                case 9 when Proto.Is(tag, LengthDelimited): OtlpCommon.KeyValue(Proto.Message(input), attributes, 0); break;
                case 11 when Proto.Is(tag, LengthDelimited): events.Add(ReadEvent(Proto.Message(input))); break;
                case 15 when Proto.Is(tag, LengthDelimited): (statusCode, statusMessage) = ReadStatus(Proto.Message(input)); break;
                default: input.SkipLastField(); break;
            }
        }
        if (traceId.Length == 0 || spanId.Length == 0)
        {
            throw new OtlpFormatException($"span '{name}' has no trace_id or span_id");
        }
        into.Add(new SpanData(traceId, spanId, parentId, name, kind, start, Math.Max(start, end), statusCode, statusMessage,
            attributes, events, resource, scope));
    }

    private static SpanEventData ReadEvent(CodedInputStream input)
    {
        long time = 0;
        var name = "";
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 1 when Proto.Is(tag, Fixed64): time = (long)input.ReadFixed64(); break;
                case 2 when Proto.Is(tag, LengthDelimited): name = input.ReadString(); break;
                case 3 when Proto.Is(tag, LengthDelimited): OtlpCommon.KeyValue(Proto.Message(input), attributes, 0); break;
                default: input.SkipLastField(); break;
            }
        }
        return new SpanEventData(name, time, attributes);
    }

    private static (int Code, string Message) ReadStatus(CodedInputStream input)
    {
        var code = 0;
        var message = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 2 when Proto.Is(tag, LengthDelimited): message = input.ReadString(); break;
                case 3 when Proto.Is(tag, Varint): code = input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }
        return (code, message);
    }
}
