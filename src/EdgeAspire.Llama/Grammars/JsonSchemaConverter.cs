using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EdgeAspire.Llama.Grammars;

/// <summary>
/// Turns a JSON schema into GBNF rules: the subset OpenAI's strict mode allows (objects with properties, required and
/// <c>additionalProperties</c>; arrays with <c>items</c>; <c>enum</c>, <c>const</c>, <c>anyOf</c>, local <c>$ref</c>
/// into <c>$defs</c>/<c>definitions</c>; the six types; some string formats) plus the length and item bounds
/// llama-server also takes. Anything else is refused by name: a grammar that silently ignored a keyword would produce
/// output the schema rejects.
/// </summary>
internal sealed class JsonSchemaConverter(GbnfRules rules, JsonElement root)
{
    /// <summary>llama.cpp refuses repetitions past 2,000; lengths and item counts stay well inside.</summary>
    public const int MaxRepetition = 1000;

    private const int MaxDepth = 64;

    private static readonly JsonWriterOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Keywords that describe without constraining.</summary>
    private static readonly HashSet<string> s_annotations =
        ["description", "title", "default", "examples", "$schema", "$id", "$comment", "deprecated", "readOnly", "writeOnly", "$defs", "definitions"];

    public static IReadOnlyList<string> Keywords { get; } =
        ["type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs", "definitions",
         "format", "minLength", "maxLength", "minItems", "maxItems"];

    private readonly Dictionary<string, string> _refs = new(StringComparer.Ordinal);

    /// <returns>The name of the rule that matches the root schema's values.</returns>
    public string Convert(string name) => Visit(root, "#", name, [], 0);

    private string Visit(JsonElement schema, string path, string hint, ImmutableHashSet<string> refChain, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Unsupported("$ref", path, $"The schema nests deeper than {MaxDepth} levels.");
        }
        if (schema.ValueKind == JsonValueKind.True)
        {
            return Primitive("value");
        }
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Unsupported(schema.ValueKind == JsonValueKind.False ? "false" : "type", path, $"The schema at {path} must be an object (or true).");
        }
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!s_annotations.Contains(keyword.Name) && !Keywords.Contains(keyword.Name))
            {
                throw Unsupported(keyword.Name, path, $"The JSON schema keyword '{keyword.Name}' (at {path}) is not supported; supported: {string.Join(", ", Keywords)}.");
            }
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            if (schema.EnumerateObject().Select(k => k.Name).FirstOrDefault(k => k != "$ref" && !s_annotations.Contains(k)) is { } sibling)
            {
                throw Unsupported(sibling, path, $"'{sibling}' beside '$ref' (at {path}) is not supported.");
            }
            return Reference(reference, path, refChain, depth);
        }
        if (schema.TryGetProperty("const", out var constant))
        {
            return rules.Add(hint, GbnfRules.Literal(Compact(constant)));
        }
        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw Unsupported("enum", path, $"'enum' (at {path}) must be a non-empty array.");
            }
            return rules.Add(hint, string.Join(" | ", values.EnumerateArray().Select(v => GbnfRules.Literal(Compact(v))).Distinct()));
        }
        if (schema.TryGetProperty("anyOf", out var choices))
        {
            if (choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
            {
                throw Unsupported("anyOf", path, $"'anyOf' (at {path}) must be a non-empty array of schemas.");
            }
            var alternatives = choices.EnumerateArray().Select((choice, i) => Visit(choice, $"{path}/anyOf/{i}", $"{hint}-{i}", refChain, depth + 1));
            return rules.Add(hint, string.Join(" | ", alternatives.Distinct()));
        }
        return Typed(schema, path, hint, depth);
    }

    private string Typed(JsonElement schema, string path, string hint, int depth)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("properties", out _) ? ObjectRule(schema, path, hint, depth)
                : schema.TryGetProperty("items", out _) ? ArrayRule(schema, path, hint, depth)
                : Primitive("value");
        }
        if (type.ValueKind == JsonValueKind.Array && type.GetArrayLength() > 0)
        {
            var alternatives = type.EnumerateArray().Select(t => OfType(t, schema, path, $"{hint}-{TypeName(t, path)}", depth));
            return rules.Add(hint, string.Join(" | ", alternatives.Distinct()));
        }
        return OfType(type, schema, path, hint, depth);
    }

    private string OfType(JsonElement type, JsonElement schema, string path, string hint, int depth) => TypeName(type, path) switch
    {
        "object" => ObjectRule(schema, path, hint, depth),
        "array" => ArrayRule(schema, path, hint, depth),
        "string" => StringRule(schema, path, hint),
        var name and ("integer" or "number" or "boolean" or "null") => Primitive(name),
        var other => throw Unsupported("type", path, $"Type '{other}' (at {path}) is not a JSON schema type."),
    };

    private static string TypeName(JsonElement type, string path) =>
        type.ValueKind == JsonValueKind.String ? type.GetString()! : throw Unsupported("type", path, $"'type' (at {path}) must be a string or an array of strings.");

    private string ObjectRule(JsonElement schema, string path, string hint, int depth)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p.EnumerateObject().ToList() : [];
        var required = Required(schema, properties, path);
        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Unsupported("additionalProperties", path, $"'additionalProperties' (at {path}) must be true or false; a schema for extra properties is not supported.");
        }
        if (properties.Count == 0)
        {
            // Declared properties only: extra ones are allowed unless additionalProperties is false, never needed.
            return additional.ValueKind == JsonValueKind.False ? rules.Add(hint, "\"{\" ws \"}\"") : Primitive("object");
        }
        Primitive(JsonPrimitives.Ws);
        string Member(JsonProperty property) =>
            $"{GbnfRules.Literal(Compact(property.Name))} ws \":\" ws {Visit(property.Value, $"{path}/properties/{property.Name}", $"{hint}-{property.Name}", [], depth + 1)} ws";

        var mandatory = properties.Where(m => required.Contains(m.Name)).Select(Member).ToList();
        var optional = properties.Where(m => !required.Contains(m.Name)).Select(Member).ToList();
        string body;
        if (mandatory.Count > 0)
        {
            body = string.Join(" \",\" ws ", mandatory) + string.Concat(optional.Select(o => $" ( \",\" ws {o} )?"));
        }
        else
        {
            // Any ordered selection of the optional members: choose the first present, then each later one or not.
            var firsts = optional.Select((first, i) => first + string.Concat(optional.Skip(i + 1).Select(o => $" ( \",\" ws {o} )?")));
            body = "( " + string.Join(" | ", firsts.Select(f => $"( {f} )")) + " )?";
        }
        return rules.Add(hint, $"\"{{\" ws {body} \"}}\"");
    }

    private static HashSet<string> Required(JsonElement schema, List<JsonProperty> properties, string path)
    {
        if (!schema.TryGetProperty("required", out var required))
        {
            return [];
        }
        if (required.ValueKind != JsonValueKind.Array || required.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
        {
            throw Unsupported("required", path, $"'required' (at {path}) must be an array of property names.");
        }
        var names = required.EnumerateArray().Select(r => r.GetString()!).ToHashSet(StringComparer.Ordinal);
        if (names.FirstOrDefault(n => !properties.Any(p => p.Name == n)) is { } missing)
        {
            throw Unsupported("required", path, $"'required' (at {path}) names '{missing}', which 'properties' does not define.");
        }
        return names;
    }

    private string ArrayRule(JsonElement schema, string path, string hint, int depth)
    {
        var item = schema.TryGetProperty("items", out var items)
            ? Visit(items, $"{path}/items", $"{hint}-item", [], depth + 1)
            : Primitive("value");
        var (min, max) = Bounds(schema, "minItems", "maxItems", path);
        Primitive(JsonPrimitives.Ws);
        string body;
        if (max == 0)
        {
            body = "\"[\" ws \"]\"";
        }
        else
        {
            var more = max is { } m ? $"{{{Math.Max(min - 1, 0)},{m - 1}}}" : min > 1 ? $"{{{min - 1},}}" : "*";
            var list = $"{item} ws ( \",\" ws {item} ws ){more}";
            body = min == 0 ? $"\"[\" ws ( {list} )? \"]\"" : $"\"[\" ws {list} \"]\"";
        }
        return rules.Add(hint, body);
    }

    private string StringRule(JsonElement schema, string path, string hint)
    {
        var (min, max) = Bounds(schema, "minLength", "maxLength", path);
        if (schema.TryGetProperty("format", out var format))
        {
            if (min > 0 || max is not null)
            {
                throw Unsupported("format", path, $"'format' together with a length bound (at {path}) is not supported.");
            }
            var name = format.ValueKind == JsonValueKind.String ? format.GetString()! : "";
            return JsonFormats.Rule(rules, name)
                ?? throw Unsupported("format", path, $"String format '{name}' (at {path}) is not supported; supported: {string.Join(", ", JsonFormats.Supported)}.");
        }
        if (min == 0 && max is null)
        {
            return Primitive("string");
        }
        Primitive(JsonPrimitives.Char);
        var repeat = max is { } m ? $"{{{min},{m}}}" : $"{{{min},}}";
        return rules.Add(hint, $"\"\\\"\" char{repeat} \"\\\"\"");
    }

    private static (int Min, int? Max) Bounds(JsonElement schema, string minKeyword, string maxKeyword, string path)
    {
        var min = Count(schema, minKeyword, path) ?? 0;
        var max = Count(schema, maxKeyword, path);
        if (max < min)
        {
            throw Unsupported(maxKeyword, path, $"'{maxKeyword}' (at {path}) is less than '{minKeyword}'.");
        }
        return (min, max);
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count is >= 0 and <= MaxRepetition
            ? count
            : throw Unsupported(keyword, path, $"'{keyword}' (at {path}) must be an integer from 0 to {MaxRepetition}.");
    }

    private string Reference(JsonElement reference, string path, ImmutableHashSet<string> refChain, int depth)
    {
        var target = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
        if (refChain.Contains(target))
        {
            // Without an object or array in between, the rule would start with itself: left recursion.
            throw Unsupported("$ref", path, $"'$ref' '{target}' (at {path}) refers to itself without an object or array in between.");
        }
        if (_refs.TryGetValue(target, out var known))
        {
            return known;
        }
        var resolved = Resolve(target, path);
        var name = rules.Reserve("ref-" + target.Split('/')[^1]);
        _refs[target] = name;
        rules.Define(name, Visit(resolved, target, name + "-body", refChain.Add(target), depth + 1));
        return name;
    }

    private JsonElement Resolve(string target, string path)
    {
        if (target == "#")
        {
            return root;
        }
        foreach (var container in new[] { "$defs", "definitions" })
        {
            var prefix = $"#/{container}/";
            if (target.StartsWith(prefix, StringComparison.Ordinal)
                && root.TryGetProperty(container, out var definitions) && definitions.ValueKind == JsonValueKind.Object
                && definitions.TryGetProperty(target[prefix.Length..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal), out var found))
            {
                return found;
            }
        }
        throw Unsupported("$ref", path, $"'$ref' '{target}' (at {path}) does not resolve; only '#', '#/$defs/…' and '#/definitions/…' of this schema are supported.");
    }

    private string Primitive(string name)
    {
        JsonPrimitives.AddTo(rules, name);
        return name;
    }

    private static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_compact))
        {
            value.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Compact(string text)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_compact))
        {
            writer.WriteStringValue(text);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static UnsupportedSchemaException Unsupported(string keyword, string path, string message) => new(keyword, path, message);
}
