using System.Text.Json;
using EdgeAspire.Llama.Grammars;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

/// <summary><c>response_format</c> as a grammar: <c>text</c> none, <c>json_object</c> any JSON object, <c>json_schema</c>
/// the schema's values. A schema outside the supported subset is a 400 naming the keyword, never a looser grammar.</summary>
internal static class ResponseFormats
{
    private const string SchemaParam = "response_format.json_schema.schema";

    public static Grammar? Grammar(ResponseFormatDto? format)
    {
        switch (format?.Type)
        {
            case null when format is null:
            case "text":
                return null;
            case "json_object":
                return JsonGrammar.AnyObject;
            case "json_schema":
                var schema = format.JsonSchema ?? throw new RequestValidationException("response_format.json_schema", "'response_format.json_schema' is required for type 'json_schema'.");
                if (schema.Schema.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    throw new RequestValidationException(SchemaParam, $"'{SchemaParam}' is required.");
                }
                return FromSchema(schema.Schema, SchemaParam);
            default:
                throw new RequestValidationException("response_format.type",
                    $"'response_format' type '{format.Type}' is not supported; supported: text, json_object, json_schema.");
        }
    }

    /// <summary>The grammar of a schema, a refusal naming the keyword and where it is.</summary>
    public static Grammar FromSchema(JsonElement schema, string param)
    {
        try
        {
            return JsonGrammar.ForSchema(schema);
        }
        catch (UnsupportedSchemaException e)
        {
            throw Refusal(e, param);
        }
    }

    public static RequestValidationException Refusal(UnsupportedSchemaException e, string param) => new(param, e.Message, "unsupported_schema");
}
