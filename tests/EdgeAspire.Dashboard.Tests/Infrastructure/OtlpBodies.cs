using Google.Protobuf;

namespace EdgeAspire.Dashboard.Tests.Infrastructure;

/// <summary>Hand-written OTLP bodies for what the SDK exporter never sends (gzip, odd field order, garbage).</summary>
internal static class OtlpBodies
{
    /// <summary>ExportTraceServiceRequest with one span; <paramref name="scopeFirst"/> writes the scope spans before
    /// the resource, which protobuf allows.</summary>
    public static byte[] OneSpan(string service, string name, bool scopeFirst = false)
    {
        var resource = Message(1, Message(1, KeyValue("service.name", service)));
        var span = Concat(Bytes(1, new byte[16] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }),
            Bytes(2, [1, 2, 3, 4, 5, 6, 7, 8]), Bytes(5, System.Text.Encoding.UTF8.GetBytes(name)),
            Fixed64(7, 1_000_000_000), Fixed64(8, 1_500_000_000));
        var scopeSpans = Message(2, Concat(Message(1, Bytes(1, "scope"u8.ToArray())), Message(2, span)));
        return Message(1, scopeFirst ? Concat(scopeSpans, resource) : Concat(resource, scopeSpans));
    }

    private static byte[] KeyValue(string key, string value) =>
        Concat(Bytes(1, System.Text.Encoding.UTF8.GetBytes(key)), Message(2, Bytes(1, System.Text.Encoding.UTF8.GetBytes(value))));

    private static byte[] Message(int field, byte[] body) => Bytes(field, body);

    private static byte[] Bytes(int field, byte[] body) => Write(o =>
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(body));
    });

    private static byte[] Fixed64(int field, ulong value) => Write(o =>
    {
        o.WriteTag(field, WireFormat.WireType.Fixed64);
        o.WriteFixed64(value);
    });

    private static byte[] Write(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
