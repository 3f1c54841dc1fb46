using Google.Protobuf;

namespace EdgeAspire.Dashboard.Otlp;

/// <summary>Reading helpers over <see cref="CodedInputStream"/>: the OTLP messages are decoded field by field
/// (opentelemetry-proto v1), without generated classes, because the OTLP proto package is not in our registry.</summary>
internal static class Proto
{
    /// <summary>A field whose wire type is not the one the schema gives is skipped, as protobuf parsers do with
    /// unknown fields, rather than misread.</summary>
    public static bool Is(uint tag, WireFormat.WireType type) => WireFormat.GetTagWireType(tag) == type;

    public static int Field(uint tag) => WireFormat.GetTagFieldNumber(tag);

    public static CodedInputStream Message(CodedInputStream input) => input.ReadBytes().CreateCodedInput();

    public static string Hex(CodedInputStream input) => Convert.ToHexStringLower(input.ReadBytes().Span);

    /// <summary>Repeated fixed-size numbers: packed (the proto3 default) or, field by field, unpacked.</summary>
    public static void Repeated<T>(CodedInputStream input, uint tag, List<T> into, Func<CodedInputStream, T> read)
    {
        if (!Is(tag, WireFormat.WireType.LengthDelimited))
        {
            into.Add(read(input));
            return;
        }
        var packed = Message(input);
        while (!packed.IsAtEnd)
        {
            into.Add(read(packed));
        }
    }
}
