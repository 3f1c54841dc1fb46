using System.Text.Json;
using EdgeAspire.Llama.Inference;

namespace EdgeAspire.Llama.Grammars;

/// <summary>Grammars for JSON output: any JSON object (<c>response_format: json_object</c>) or values of a schema.</summary>
public static class JsonGrammar
{
    /// <summary>The string formats a schema may ask for.</summary>
    public static IReadOnlyList<string> SupportedFormats => JsonFormats.Supported;

    /// <summary>The schema keywords that are understood; annotations (<c>description</c>, <c>title</c>, …) are also accepted.</summary>
    public static IReadOnlyList<string> SupportedKeywords => JsonSchemaConverter.Keywords;

    /// <summary>Any JSON object, with optional whitespace around it bounded.</summary>
    public static Grammar AnyObject { get; } = Build(rules =>
    {
        JsonPrimitives.AddTo(rules, "object");
        return "object";
    });

    /// <exception cref="UnsupportedSchemaException">The schema uses something outside the supported subset.</exception>
    public static Grammar ForSchema(JsonElement schema) => Build(rules => new JsonSchemaConverter(rules, schema).Convert("schema"));

    internal static Grammar Build(Func<GbnfRules, string> body)
    {
        var rules = new GbnfRules();
        var root = rules.Reserve("root");
        rules.Define(root, body(rules));
        var grammar = new Grammar(rules.Build(), root);
        if (grammar.Gbnf.Length > Grammar.MaxLength)
        {
            throw new UnsupportedSchemaException("$defs", "#", $"The schema makes a grammar of {grammar.Gbnf.Length} characters; at most {Grammar.MaxLength} are supported.");
        }
        return grammar;
    }
}
