using EdgeAspire.Hosting.Cli;

namespace EdgeAspire.Hosting.Dashboard;

/// <summary>Where the dashboard is served by default: <c>EDGEASPIRE_DASHBOARD_URL</c>, an <c>http://</c> address
/// (port 0: a free one) or <c>off</c>; unset, a free loopback port.</summary>
internal static class DashboardAddress
{
    public const string EnvironmentVariable = "EDGEASPIRE_DASHBOARD_URL";

    public const string Off = "off";

    public static readonly Uri Default = new("http://127.0.0.1:0");

    /// <summary>The default of <see cref="EdgeApplicationOptions.DashboardUrl"/>. A bad value gives the default here;
    /// <see cref="EnsureValidEnvironment"/> has already refused it when the AppHost parsed its command line.</summary>
    public static Uri? FromEnvironment()
    {
        try
        {
            return Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));
        }
        catch (AppHostUsageException)
        {
            return Default;
        }
    }

    /// <summary>A typo must not silently move the dashboard to a random port, or leave it on when asked to be off.</summary>
    /// <exception cref="AppHostUsageException">The variable is set to something else.</exception>
    public static void EnsureValidEnvironment() => Parse(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public static Uri? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Default;
        }
        if (string.Equals(value.Trim(), Off, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.AbsolutePath == "/"
            ? uri
            : throw new AppHostUsageException($"{EnvironmentVariable}={value}: expected http://host:port (port 0: a free one) or '{Off}'");
    }
}
