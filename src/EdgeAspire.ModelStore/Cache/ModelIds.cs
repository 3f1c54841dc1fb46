using System.Text.RegularExpressions;

namespace EdgeAspire.ModelStore.Cache;

/// <summary>
/// Model ids double as file names in the cache, so they are a closed alphabet: no separators, no <c>..</c>, no
/// leading dot (hidden files, <c>.</c> and <c>..</c>), at most 128 characters.
/// </summary>
internal static partial class ModelIds
{
    public const string Rule = "a model id is 1-128 characters of [A-Za-z0-9._-], starts with a letter or digit and contains no '..'";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal);

    public static string Require(string? id) => IsValid(id) ? id! : throw ModelStoreException.InvalidId(id);

    // \z, not $: '$' also matches before a trailing newline.
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
