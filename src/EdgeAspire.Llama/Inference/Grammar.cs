namespace EdgeAspire.Llama.Inference;

/// <summary>A GBNF grammar (llama.cpp's grammars/README.md) that every generated token must keep the output inside.
/// Generation can only end where the grammar is complete.</summary>
/// <param name="Gbnf">The rules, e.g. <c>root ::= "yes" | "no"</c>.</param>
/// <param name="Root">The start rule.</param>
public sealed record Grammar(string Gbnf, string Root = "root")
{
    /// <summary>llama.cpp copies the text per sequence and walks it per token; a bound keeps one request from
    /// making every token of every sequence slow.</summary>
    public const int MaxLength = 256 * 1024;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Gbnf) || string.IsNullOrWhiteSpace(Root))
        {
            throw new ArgumentException("A grammar needs rules and a root rule name.", "grammar");
        }
        if (Gbnf.Length > MaxLength)
        {
            throw new ArgumentException($"The grammar is {Gbnf.Length} characters long; at most {MaxLength} are supported.", "grammar");
        }
        if (Gbnf.Contains('\0', StringComparison.Ordinal) || Root.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A grammar must not contain NUL characters.", "grammar");
        }
    }
}
