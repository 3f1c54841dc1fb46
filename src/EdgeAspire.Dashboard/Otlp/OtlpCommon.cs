using Google.Protobuf;
using EdgeAspire.Dashboard.Storage;
using static Google.Protobuf.WireFormat.WireType;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>common/v1 and resource/v1: Resource{attributes 1}, InstrumentationScope{name 1},
/// KeyValue{key 1, value 2}, AnyValue{string 1 | bool 2 | int 3 | double 4 | array 5 | kvlist 6 | bytes 7}.</summary>
internal static class OtlpCommon
{
    // AnyValue nests through arrays and key-value lists; a hostile body could nest deep enough to overflow the stack.
    private const int MaxValueDepth = 16;

    public static TelemetryResource Resource(CodedInputStream input)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Proto.Field(tag) == 1 && Proto.Is(tag, LengthDelimited))
            {
                KeyValue(Proto.Message(input), attributes, 0);
            }
            else
            {
                input.SkipLastField();
            }
        }
        return TelemetryResource.From(attributes);
    }

    public static string ScopeName(CodedInputStream input)
    {
        var name = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Proto.Field(tag) == 1 && Proto.Is(tag, LengthDelimited))
            {
                name = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }
        return name;
    }

    public static void KeyValue(CodedInputStream input, Dictionary<string, object?> into, int depth)
    {
        var key = "";
        object? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Proto.Field(tag))
            {
                case 1 when Proto.Is(tag, LengthDelimited):
                    key = input.ReadString();
                    break;
                case 2 when Proto.Is(tag, LengthDelimited):
                    value = AnyValue(Proto.Message(input), depth);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        into[key] = value;
    }

    public static object? AnyValue(CodedInputStream input, int depth)
    {
        if (depth > MaxValueDepth)
        {
            throw new OtlpFormatException($"attribute values nest deeper than {MaxValueDepth} levels");
        }
        object? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            value = (Proto.Field(tag), WireFormat.GetTagWireType(tag)) switch
            {
                (1, LengthDelimited) => input.ReadString(),
                (2, Varint) => input.ReadBool(),
                (3, Varint) => input.ReadInt64(),
                (4, Fixed64) => input.ReadDouble(),
                (5, LengthDelimited) => Array(Proto.Message(input), depth + 1),
                (6, LengthDelimited) => KeyValueList(Proto.Message(input), depth + 1),
                (7, LengthDelimited) => Convert.ToBase64String(input.ReadBytes().Span),
                _ => Skip(input, value),
            };
        }
        return value;
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        object?[] items => "[" + string.Join(", ", items.Select(Text)) + "]",
        Dictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {Text(kv.Value)}")) + "}",
        _ => value.ToString() ?? "",
    };

    private static object? Skip(CodedInputStream input, object? kept)
    {
        input.SkipLastField();
        return kept;
    }

    private static object?[] Array(CodedInputStream input, int depth)
    {
        var values = new List<object?>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Proto.Field(tag) == 1 && Proto.Is(tag, LengthDelimited))
            {
                values.Add(AnyValue(Proto.Message(input), depth));
            }
            else
            {
                input.SkipLastField();
            }
        }
        return [.. values];
    }

    private static Dictionary<string, object?> KeyValueList(CodedInputStream input, int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Proto.Field(tag) == 1 && Proto.Is(tag, LengthDelimited))
            {
                KeyValue(Proto.Message(input), map, depth);
            }
            else
            {
                input.SkipLastField();
            }
        }
        return map;
    }
}
