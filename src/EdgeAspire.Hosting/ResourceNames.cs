namespace EdgeAspire.Hosting;

/// <summary>Resource names become environment keys (<c>services__{name}__http__0</c>) and Kubernetes object names,
/// so they follow DNS-1123 labels: lower-case letters, digits and '-', at most 63 characters.</summary>
public static class ResourceNames
{
    public static string Validate(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!IsValid(name))
        {
            throw new ArgumentException($"resource name '{name}' must be lower-case letters, digits and '-', start with a letter, at most 63 characters", nameof(name));
        }
        return name;
    }

    public static bool IsValid(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetterLower(name[0]) && name[^1] != '-'
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>A valid name derived from a model id ("qwen2.5-0.5b-instruct" → "qwen2-5-0-5b-instruct").</summary>
    public static string FromModelId(string prefix, string modelId)
    {
        var chars = modelId.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        var name = $"{prefix}-{slug}";
        return name.Length <= 63 ? name : name[..63].TrimEnd('-');
    }
}
