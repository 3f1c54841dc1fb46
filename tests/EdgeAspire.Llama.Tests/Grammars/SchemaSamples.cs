namespace EdgeAspire.Llama.Tests.Grammars;

/// <summary>Schemas covering the supported subset. Strings carry a <c>maxLength</c>: a random-weight model almost never
/// picks the closing quote among hundreds of allowed tokens, so an unbounded string would outlast any token limit.</summary>
public static class SchemaSamples
{
    public const string Flat = """
        {"type":"object","additionalProperties":false,
         "required":["name","age","score","ok","nothing","color","kind","tags"],
         "properties":{
           "name":{"type":"string","maxLength":12},
           "age":{"type":"integer"},
           "score":{"type":"number","description":"any number"},
           "ok":{"type":"boolean"},
           "nothing":{"type":"null"},
           "color":{"enum":["red","green","bl\"ue",3]},
           "kind":{"const":"x"},
           "tags":{"type":"array","items":{"type":"string","maxLength":6},"maxItems":3}}}
        """;

    public const string Recursive = """
        {"$ref":"#/$defs/node",
         "$defs":{"node":{"type":"object","additionalProperties":false,"required":["value","children"],
           "properties":{"value":{"anyOf":[{"type":"integer"},{"type":"null"}]},
                         "children":{"type":"array","items":{"$ref":"#/$defs/node"},"maxItems":1}}}}}
        """;

    public const string Optional = """
        {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"boolean"},"c":{"const":null}}}
        """;

    public const string Formats = """
        {"type":"object","additionalProperties":false,"required":["day","at","moment","id","maybe"],
         "properties":{"day":{"type":"string","format":"date"},"at":{"type":"string","format":"time"},
           "moment":{"type":"string","format":"date-time"},"id":{"type":"string","format":"uuid"},
           "maybe":{"type":["string","null"],"maxLength":4}}}
        """;

    public const string BoundedArray = """
        {"type":"array","items":{"enum":[true,false,"yes"]},"minItems":1,"maxItems":3}
        """;

    public static TheoryData<string> All => [Flat, Recursive, Optional, Formats, BoundedArray];
}
