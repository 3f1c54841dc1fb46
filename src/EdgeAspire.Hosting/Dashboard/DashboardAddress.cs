using EdgeAspire.Hosting.Cli;

namespace EdgeAspire.Hosting.Dashboard;

/// <summary>Reads where the dashboard is served: <see cref="EdgeApplicationOptions.DashboardUrl"/>, by default from
/// <c>EDGEASPIRE_DASHBOARD_URL</c>.</summary>
internal static class DashboardAddress
{
    public const string EnvironmentVariable = "EDGEASPIRE_DASHBOARD_URL";

    public const string Off = "off";

    /// <summary>Loopback only: the dashboard can start processes (Evaluator runs) and has no authentication.</summary>
    public const string Default = "http://127.0.0.1:0";

    public static string FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured.Trim() : Default;

    /// <summary>The address to listen on, or null when the dashboard is off.</summary>
    public static Uri? Parse(string? value)
    {
        if (value is null || string.Equals(value, Off, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/"
            ? uri
            : throw new AppHostUsageException($"{EnvironmentVariable}={value}: expected http://host:port (port 0 = a free one) or '{Off}'");
    }
}
