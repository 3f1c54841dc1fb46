namespace EdgeAspire.Hosting;

/// <summary>How the local runner behaves; the defaults suit a person at a terminal, tests shorten the waits.</summary>
public sealed class EdgeApplicationOptions
{
    /// <summary>Folder holding EdgeAspire.sln; null = found by walking up from the AppHost's own folder.</summary>
    public string? SolutionDirectory { get; set; }

    /// <summary>Build configuration of the projects to start; null = the AppHost's own.</summary>
    public string? Configuration { get; set; }

    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First delay before restarting a crashed resource; doubles per crash in a row, up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stopped process may take to exit after SIGTERM before its tree is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where log lines and the resource table go; null = the console.</summary>
    public Spectre.Console.IAnsiConsole? Console { get; set; }

    /// <summary>The hub to check before pulling catalog models; null = <c>HF_ENDPOINT</c>, else huggingface.co.</summary>
    public Uri? HubEndpoint { get; set; }

    /// <summary>OTLP endpoint given to every service as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; null = the AppHost's own
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> when set, else the dashboard's receiver (<see cref="DashboardUrl"/>), else
    /// none (services then export nothing).</summary>
    public Uri? OtlpEndpoint { get; set; } = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } e
        && Uri.TryCreate(e, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>Where the dashboard listens while the composition runs locally (port 0: a free port):
    /// <c>EDGEASPIRE_DASHBOARD_URL</c> (<c>off</c>: none), else a free loopback port; null runs no dashboard.</summary>
    public Uri? DashboardUrl { get; set; } = Dashboard.DashboardAddress.FromEnvironment();

    /// <summary>Skip the hub reachability check (tests that serve local files only).</summary>
    public bool CheckHub { get; set; } = true;
}
