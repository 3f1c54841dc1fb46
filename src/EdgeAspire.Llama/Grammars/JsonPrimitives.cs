namespace EdgeAspire.Llama.Grammars;

/// <summary>GBNF for JSON's terminals. Digits and whitespace are bounded (as llama.cpp's json-schema-to-grammar
/// bounds them) so a model cannot loop inside a number or between tokens; <c>\u</c> escapes leave out lone
/// surrogates, which JSON parsers refuse.</summary>
internal static class JsonPrimitives
{
    public const string Ws = "ws";
    public const string Char = "char";

    public static void AddTo(GbnfRules rules, string name)
    {
        if (rules.Contains(name))
        {
            return;
        }
        switch (name)
        {
            case Ws:
                rules.Define(Ws, "| \" \" | \"\\n\" [ ]{0,16}");
                break;
            case Char:
                rules.Define(Char, "[^\"\\\\\\x7F\\x00-\\x1F] | \"\\\\\" ( [\"\\\\/bfnrt] | \"u\" ( [0-9a-cA-CeEfF] [0-9a-fA-F]{3} | [dD] [0-7] [0-9a-fA-F]{2} ) )");
                break;
            case "string":
                AddTo(rules, Char);
                rules.Define("string", "\"\\\"\" char* \"\\\"\"");
                break;
            case "integer":
                rules.Define("integer", "\"-\"? ( \"0\" | [1-9] [0-9]{0,15} )");
                break;
            case "number":
                rules.Define("number", "\"-\"? ( \"0\" | [1-9] [0-9]{0,15} ) ( \".\" [0-9]{1,16} )? ( [eE] [-+]? [0-9]{1,3} )?");
                break;
            case "boolean":
                rules.Define("boolean", "\"true\" | \"false\"");
                break;
            case "null":
                rules.Define("null", "\"null\"");
                break;
            case "value":
                // Defined before its parts, which refer back to it.
                rules.Define("value", "object | array | string | number | boolean | null");
                foreach (var part in new[] { "object", "array", "string", "number", "boolean", "null" })
                {
                    AddTo(rules, part);
                }
                break;
            case "object":
                rules.Define("object", "\"{\" ws ( string ws \":\" ws value ws ( \",\" ws string ws \":\" ws value ws )* )? \"}\"");
                AddTo(rules, Ws);
                AddTo(rules, "value");
                break;
            case "array":
                rules.Define("array", "\"[\" ws ( value ws ( \",\" ws value ws )* )? \"]\"");
                AddTo(rules, Ws);
                AddTo(rules, "value");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }
}
