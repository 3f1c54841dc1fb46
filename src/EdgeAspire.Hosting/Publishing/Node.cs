namespace EdgeAspire.Hosting.Publishing;

/// <summary>A YAML mapping whose keys keep the order they were added in (Kubernetes' conventional field order).</summary>
internal sealed class Node : Dictionary<string, object?>
{
    public Node()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Adds <paramref name="key"/> unless <paramref name="value"/> is null, for optional fields.</summary>
    public Node With(string key, object? value)
    {
        if (value is not null)
        {
            this[key] = value;
        }
        return this;
    }
}
