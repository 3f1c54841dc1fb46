using System.Text;

namespace EdgeAspire.Llama.Grammars;

/// <summary>The rules of a GBNF grammar being built: names made from hints, identical bodies shared.</summary>
internal sealed class GbnfRules
{
    private readonly Dictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nameOfBody = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="body"/> under a name derived from <paramref name="hint"/> and returns the name;
    /// a body already present keeps its first name.</summary>
    public string Add(string hint, string body)
    {
        if (_nameOfBody.TryGetValue(body, out var existing))
        {
            return existing;
        }
        var name = Reserve(hint);
        Define(name, body);
        return name;
    }

    /// <summary>A fresh name for a rule to be defined later (a <c>$ref</c> that may refer to itself).</summary>
    public string Reserve(string hint)
    {
        var stem = Sanitize(hint);
        var name = stem;
        for (var i = 2; _bodies.ContainsKey(name); i++)
        {
            name = $"{stem}-{i}";
        }
        _bodies[name] = "";
        return name;
    }

    public void Define(string name, string body)
    {
        _bodies[name] = body;
        _nameOfBody.TryAdd(body, name);
    }

    public bool Contains(string name) => _bodies.ContainsKey(name);

    public string Build()
    {
        var text = new StringBuilder();
        foreach (var (name, body) in _bodies)
        {
            text.Append(name).Append(" ::= ").Append(body).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A GBNF string literal matching <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => literal.Append("\\\""),
                '\\' => literal.Append("\\\\"),
                '\n' => literal.Append("\\n"),
                '\r' => literal.Append("\\r"),
                '\t' => literal.Append("\\t"),
                < ' ' or '\x7f' => literal.Append($"\\x{(int)c:X2}"),
                _ => literal.Append(c),
            };
        }
        return literal.Append('"').ToString();
    }

    /// <summary>GBNF names are letters, digits and dashes.</summary>
    private static string Sanitize(string hint)
    {
        var name = new StringBuilder();
        foreach (var c in hint)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        var result = name.ToString().Trim('-');
        return result.Length == 0 ? "rule" : result.Length > 48 ? result[..48].TrimEnd('-') : result;
    }
}
