using Google.Protobuf;
using EdgeAspire.Dashboard.Storage;
using static Google.Protobuf.WireFormat.WireType;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>ExportLogsServiceRequest (logs/v1): LogRecord{time 1, severity_number 2, severity_text 3, body 5,
/// attributes 6, trace_id 9, span_id 10, observed_time 11}.</summary>
public static class OtlpLogsDecoder
{
    /// <exception cref="OtlpFormatException">The body is not a valid protobuf message.</exception>
    public static IReadOnlyList<LogRecordData> Decode(ReadOnlySpan<byte> body) => OtlpEnvelope.Read<LogRecordData>(body, ReadRecord);

    private static void ReadRecord(CodedInputStream input, TelemetryResource resource, string scope, List<LogRecordData> into)
    {
        long time = 0, observed = 0;
        var severity = 0;
        string severityText = "", traceId = "", spanId = "";
        object? body = null;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 1 when Proto.Is(tag, Fixed64): time = (long)input.ReadFixed64(); break;
                case 2 when Proto.Is(tag, Varint): severity = input.ReadEnum(); break;
                case 3 when Proto.Is(tag, LengthDelimited): severityText = input.ReadString(); break;
                case 5 when Proto.Is(tag, LengthDelimited): body = OtlpCommon.AnyValue(Proto.Message(input), 0); break;
                case 6 when Proto.Is(tag, LengthDelimited): OtlpCommon.KeyValue(Proto.Message(input), attributes, 0); break;
                case 9 when Proto.Is(tag, LengthDelimited): traceId = Proto.Hex(input); break;
                case 10 when Proto.Is(tag, LengthDelimited): spanId = Proto.Hex(input); break;
                case 11 when Proto.Is(tag, Fixed64): observed = (long)input.ReadFixed64(); break;
                default: input.SkipLastField(); break;
            }
        }
        // time_unix_nano is optional in OTLP ("unknown" = 0); the observed time is always set by SDKs.
        into.Add(new LogRecordData(time != 0 ? time : observed, severity, severityText, OtlpCommon.Text(body), attributes,
            traceId, spanId, resource, scope));
    }
}
