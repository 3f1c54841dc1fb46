using Google.Protobuf;
using EdgeAspire.Dashboard.Storage;
using static Google.Protobuf.WireFormat.WireType;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>The shape the three export requests share: Export*ServiceRequest{Resource* 1},
/// Resource*{resource 1, Scope* 2}, Scope*{scope 1, item 2}: only the item differs (Span, Metric, LogRecord).</summary>
internal static class OtlpEnvelope
{
    public delegate void ItemReader<T>(CodedInputStream item, TelemetryResource resource, string scope, List<T> into);

    public static List<T> Read<T>(ReadOnlySpan<byte> body, ItemReader<T> readItem)
    {
        var items = new List<T>();
        try
        {
            var input = new CodedInputStream(body.ToArray());
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (Proto.Field(tag) == 1 && Proto.Is(tag, LengthDelimited))
                {
                    ReadResourceLevel(Proto.Message(input), readItem, items);
                }
                else
                {
                    input.SkipLastField();
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OtlpFormatException($"not a valid OTLP protobuf message: {e.Message}", e);
        }
        return items;
    }

    private static void ReadResourceLevel<T>(CodedInputStream input, ItemReader<T> readItem, List<T> items)
    {
        var (resource, scopes) = Split(input);
        var telemetryResource = resource is null
            ? TelemetryResource.From(new Dictionary<string, object?>())
            : OtlpCommon.Resource(resource.CreateCodedInput());
        foreach (var scope in scopes)
        {
            var (scopeInfo, entries) = Split(scope.CreateCodedInput());
            var scopeName = scopeInfo is null ? "" : OtlpCommon.ScopeName(scopeInfo.CreateCodedInput());
            foreach (var entry in entries)
            {
                readItem(entry.CreateCodedInput(), telemetryResource, scopeName, items);
            }
        }
    }

    /// <summary>Both levels are {header message 1, repeated message 2}. Serializers write fields in number order, but
    /// protobuf does not promise it: the children are kept until their header has been read.</summary>
    private static (ByteString? Header, List<ByteString> Children) Split(CodedInputStream input)
    {
        ByteString? header = null;
        var children = new List<ByteString>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 1 when Proto.Is(tag, LengthDelimited):
                    header = input.ReadBytes();
                    break;
                case 2 when Proto.Is(tag, LengthDelimited):
                    children.Add(input.ReadBytes());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        return (header, children);
    }
}
