namespace EdgeAspire.ServiceDefaults.Metrics;

/// <summary>Meter names as the OpenTelemetry SDK's <c>AddMeter</c> takes them: exact, or a prefix ending in <c>*</c>;
/// case-insensitive.</summary>
internal sealed class MeterNameFilter(IEnumerable<string> patterns)
{
    private readonly string[] _patterns = [.. patterns];

    public bool Matches(string meterName)
    {
        foreach (var pattern in _patterns)
        {
            var matches = pattern.EndsWith('*')
                ? meterName.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
                : meterName.Equals(pattern, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
