namespace EdgeAspire.Llama.Chat;

/// <summary>Picks a character to carry U+0000 through llama.cpp's C-string chat API: one of Unicode's 66
/// noncharacters (never assigned, so no tokenizer gives them meaning) that neither the messages nor the template
/// contain, so putting NULs back cannot touch a character the client sent.</summary>
internal static class NulStandIn
{
    /// <returns>Null when no message has a NUL.</returns>
    public static char? For(IReadOnlyList<PromptMessage> messages, string template)
    {
        if (!messages.Any(m => m.Content.Contains('\0', StringComparison.Ordinal) || m.Role.Contains('\0', StringComparison.Ordinal)))
        {
            return null;
        }
        // U+FDD0..U+FDEF and U+FFFE/U+FFFF: the noncharacters a single UTF-16 unit can hold.
        foreach (var candidate in Enumerable.Range(0xFDD0, 32).Append(0xFFFE).Append(0xFFFF).Select(c => (char)c))
        {
            if (!template.Contains(candidate, StringComparison.Ordinal)
                && !messages.Any(m => m.Content.Contains(candidate, StringComparison.Ordinal) || m.Role.Contains(candidate, StringComparison.Ordinal)))
            {
                return candidate;
            }
        }
        throw new ArgumentException("The messages use every Unicode noncharacter as well as NUL; one of them must go.", nameof(messages));
    }
}
