using System.Text;

namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>
/// The tags of one series, sorted by key with duplicates removed (the last value wins), and their rendered label
/// pairs (<c>a="1",b="2"</c>), computed once when the series is created rather than on every scrape.
/// </summary>
internal sealed class TagSet
{
    // A measurement's tags are matched without sorting them (see Matches); more than 64 take the slow path.
    private const int MaxMatchedTags = 64;

    private readonly KeyValuePair<string, object?>[] _tags;

    private TagSet(KeyValuePair<string, object?>[] tags)
    {
        _tags = tags;
        Hash = HashOf(tags);
        Labels = RenderLabels(tags);
    }

    public static TagSet Empty { get; } = new([]);

    /// <summary>Order-independent, so a measurement's tags hash the same in any order.</summary>
    public int Hash { get; }

    /// <summary>Label pairs without braces; empty when there are no tags.</summary>
    public string Labels { get; }

    public static TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var byKey = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            byKey[tag.Key] = tag.Value;
        }

        return new TagSet([.. byKey]);
    }

    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = 0;
        foreach (var tag in tags)
        {
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(tag.Key), tag.Value);
        }

        return hash;
    }

    /// <summary>Same tags in any order, without allocating: every key is found exactly once and values are equal.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length || tags.Length > MaxMatchedTags)
        {
            return false;
        }

        var found = 0UL;
        foreach (var tag in tags)
        {
            var index = IndexOf(tag.Key);
            if (index < 0 || !Equals(_tags[index].Value, tag.Value))
            {
                return false;
            }

            found |= 1UL << index;
        }

        return found == (tags.Length == MaxMatchedTags ? ulong.MaxValue : (1UL << tags.Length) - 1);
    }

    public bool Matches(TagSet other) => ReferenceEquals(this, other) || (Hash == other.Hash && Matches(other._tags));

    private int IndexOf(string key)
    {
        var low = 0;
        var high = _tags.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = string.CompareOrdinal(_tags[middle].Key, key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private static string RenderLabels(KeyValuePair<string, object?>[] tags)
    {
        // Keys that sanitize to the same label name ("a.b", "a_b") share it, values joined with ';' (the
        // specification's rule), so a scrape never carries the same label twice.
        var labels = new List<(string Name, string Value)>(tags.Length);
        foreach (var tag in tags)
        {
            var name = PrometheusNames.LabelName(tag.Key);
            var value = PrometheusNames.LabelValue(tag.Value);
            var existing = labels.FindIndex(label => label.Name == name);
            if (existing < 0)
            {
                labels.Add((name, value));
            }
            else
            {
                labels[existing] = (name, labels[existing].Value + ";" + value);
            }
        }

        var output = new StringBuilder();
        foreach (var (name, value) in labels.OrderBy(label => label.Name, StringComparer.Ordinal))
        {
            output.Append(output.Length == 0 ? "" : ",").Append(name).Append("=\"");
            PrometheusNames.AppendEscapedLabelValue(output, value);
            output.Append('"');
        }

        return output.ToString();
    }
}
