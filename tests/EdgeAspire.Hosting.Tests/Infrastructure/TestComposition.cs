using System.Reflection;
using EdgeAspire.Hosting.ApplicationModel;
using Spectre.Console;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>A composition of the real projects, built with the tests, its console captured for assertions.</summary>
internal sealed class TestComposition : IAsyncDisposable
{
    private readonly StringWriter _output = new();
    private readonly TextWriter _synchronized;
    private EdgeApplication? _app;

    /// <param name="dashboard">Serve the AppHost's dashboard on a free port (the services then export to it).</param>
    public TestComposition(bool dashboard = false)
    {
        _synchronized = TextWriter.Synchronized(_output);
        StoreCache = Directory.CreateTempSubdirectory("edgeaspire-hosting-store-").FullName;
        Builder = EdgeApplication.CreateBuilder([], new EdgeApplicationOptions
        {
            Configuration = typeof(TestComposition).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration,
            Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_synchronized), Ansi = AnsiSupport.No }),
            CheckHub = false,
            HealthTimeout = TimeSpan.FromSeconds(60),
            RestartDelay = TimeSpan.FromMilliseconds(200),
            StopTimeout = TimeSpan.FromSeconds(10),
            OtlpEndpoint = null,
            DashboardUrl = dashboard ? new Uri("http://127.0.0.1:0") : null,
        });
    }

    public EdgeApplicationBuilder Builder { get; }

    public string StoreCache { get; }

    public EdgeApplication App => _app ?? throw new InvalidOperationException("not started");

    public string Output
    {
        get
        {
            lock (_synchronized)
            {
                return _output.ToString();
            }
        }
    }

    public IResourceBuilder<ProjectResource> AddStore() =>
        Builder.AddModelStore("modelstore").WithEnvironment("ModelStore__CachePath", StoreCache);

    /// <summary>A gateway that probes every 500 ms, so tests see a worker come and go quickly.</summary>
    public IResourceBuilder<ProjectResource> AddGateway(params IResourceBuilder<ProjectResource>[] workers) =>
        Builder.AddGateway("gateway", workers).WithEnvironment("PromptApi__Gateway__ProbeInterval", "00:00:00.500");

    public async Task StartAsync()
    {
        _app = Builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await _app.StartAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        Directory.Delete(StoreCache, recursive: true);
        _output.Dispose();
    }
}
