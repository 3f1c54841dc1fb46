namespace EdgeAspire.Llama.Grammars;

/// <summary>A JSON schema uses something outside the subset that can be turned into a grammar; the output would not
/// be guaranteed to match it, so it is refused rather than loosened.</summary>
public sealed class UnsupportedSchemaException(string keyword, string path, string message) : ArgumentException(message)
{
    /// <summary>The schema keyword at fault, e.g. <c>pattern</c>.</summary>
    public string Keyword { get; } = keyword;

    /// <summary>Where in the schema, as a JSON pointer (<c>#/properties/name</c>).</summary>
    public string Path { get; } = path;
}
