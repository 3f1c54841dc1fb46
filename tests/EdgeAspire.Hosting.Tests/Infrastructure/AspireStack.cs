using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>
/// The real AppHost (its AppHost.cs) under Aspire.Hosting.Testing, with the Aspire dashboard on (the testing builder
/// turns it off by default) on free loopback ports, its telemetry API open to <see cref="ApiKey"/>, and every folder
/// the stack writes in a temporary one.
/// </summary>
internal sealed class AspireStack : IAsyncDisposable
{
    public const string ApiKey = "edgeaspire-test-api-key";
    public const string BrowserToken = "edgeaspire-test-browser-token";

    private readonly string _root = Directory.CreateTempSubdirectory("edgeaspire-aspire-").FullName;

    private AspireStack(DistributedApplication app, Uri dashboard, string root)
    {
        App = app;
        DashboardUrl = dashboard;
        _root = root;
    }

    public DistributedApplication App { get; }

    public Uri DashboardUrl { get; }

    public string Runs => Path.Combine(_root, "runs");

    public Uri Gateway => App.GetEndpoint("gateway", "http");

    /// <param name="modelFiles">The AppHost's <c>--model-file</c>s; none means the catalog's default model.</param>
    /// <param name="arguments">More of the AppHost's arguments (configuration as <c>--key=value</c>).</param>
    /// <param name="configure">Changes to the composition before it starts.</param>
    public static async Task<AspireStack> StartAsync(IReadOnlyList<string> modelFiles, string? winogrande = null,
        IReadOnlyList<string>? arguments = null, Action<IDistributedApplicationTestingBuilder, string>? configure = null)
    {
        var root = Directory.CreateTempSubdirectory("edgeaspire-aspire-").FullName;
        string[] args =
        [
            .. modelFiles.SelectMany(f => new[] { "--model-file", f }),
            $"--ASPNETCORE_URLS=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            $"--ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:{FreePort()}",
            "--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            $"--AppHost:DashboardApiKey={ApiKey}",
            // Aspire 13 takes the browser token from here and overwrites AppHost:BrowserToken with it (or a random one).
            $"--ASPIRE_DASHBOARD_FRONTEND_BROWSERTOKEN={BrowserToken}",
            $"--EdgeAspire:EvaluationOutput={Path.Combine(root, "runs")}",
            .. winogrande is null ? Array.Empty<string>() : [$"--EdgeAspire:Datasets:Winogrande={winogrande}"],
            .. arguments ?? [],
        ];
        var cancellation = TestContext.Current.CancellationToken;
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EdgeAspire_AppHost>(args,
            (options, _) => options.DisableDashboard = false, cancellation);
        builder.CreateResourceBuilder<ProjectResource>("modelstore").WithEnvironment("ModelStore__CachePath", Path.Combine(root, "store"));
        configure?.Invoke(builder, root);
        var app = await builder.BuildAsync(cancellation);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", timeout.Token);
            // The testing builder picks its own ports: the dashboard's is read back from its resource.
            var model = app.Services.GetRequiredService<DistributedApplicationModel>();
            var dashboard = model.Resources.Single(r => r.Name == "aspire-dashboard").Annotations.OfType<EndpointAnnotation>().First(e => e.Name == "http");
            return new AspireStack(app, new Uri(dashboard.AllocatedEndpoint!.UriString), root);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
