using EdgeAspire.PromptApi.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>The real PromptApi on a loopback port (Kestrel, not TestServer) with its own temporary models folder
/// and <c>PromptApi:</c> settings.</summary>
public sealed class PromptApiServer : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly DirectoryInfo? _models;
    private int _disposed;

    /// <param name="models">Model id → GGUF file; each is linked into the models folder as <c>{id}.gguf</c>.</param>
    /// <param name="settings">More <c>PromptApi:</c> settings, e.g. <c>["QueueLength"] = "1"</c>.</param>
    /// <param name="configuration">Other configuration keys as they are, e.g. <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</param>
    /// <param name="port">A fixed port, to start a server again where a gateway expects it; 0 = any free port.</param>
    public PromptApiServer(IReadOnlyDictionary<string, string> models, IReadOnlyDictionary<string, string>? settings = null,
        IReadOnlyDictionary<string, string>? configuration = null, int port = 0)
        : this(Directory.CreateTempSubdirectory("edgeaspire-papi-models-"), models, settings, configuration, port)
    {
    }

    private PromptApiServer(DirectoryInfo? modelsFolder, IReadOnlyDictionary<string, string> models, IReadOnlyDictionary<string, string>? settings,
        IReadOnlyDictionary<string, string>? configuration, int port)
    {
        _models = modelsFolder;
        var all = new Dictionary<string, string?>
        {
            ["PromptApi:Threads"] = "2",
            ["PromptApi:ContextSize"] = "512",
        };
        if (_models is not null)
        {
            foreach (var (id, file) in models)
            {
                File.CreateSymbolicLink(Path.Combine(_models.FullName, id + ".gguf"), file);
            }
            all["PromptApi:ModelsPath"] = _models.FullName;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[$"PromptApi:{key}"] = value;
        }
        foreach (var (key, value) in configuration ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        _factory = new Factory(all, Requests);
        _factory.UseKestrel(port);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First());
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>The stories fixture (when present) and the synthetic model, as <see cref="TestModels.Both"/> names them.</summary>
    public static PromptApiServer WithBothModels(IReadOnlyDictionary<string, string>? settings = null) =>
        new(TestModels.Both.Select(row => (string)row.Data).Select(id => (id, file: TestModels.Find(id)))
            .Where(m => m.file is not null).ToDictionary(m => m.id, m => m.file!), settings);

    /// <summary>A gateway (<c>PromptApi:Mode = gateway</c>, no models folder) over worker services: name → replica addresses.</summary>
    public static PromptApiServer Gateway(IReadOnlyDictionary<string, Uri[]> workers, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string> { ["Mode"] = "gateway", ["Gateway:ProbeInterval"] = "00:00:00.100" };
        var discovery = new Dictionary<string, string>();
        foreach (var (i, (name, replicas)) in workers.Index())
        {
            all[$"Gateway:Workers:{i}"] = name;
            foreach (var (r, address) in replicas.Index())
            {
                discovery[$"services:{name}:http:{r}"] = address.ToString();
            }
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        return new PromptApiServer(null, new Dictionary<string, string>(), all, discovery, 0);
    }

    public Uri BaseAddress { get; }

    /// <summary>For a gateway: awaits its probes until a healthy worker serves <paramref name="model"/>.</summary>
    public Task UntilRoutableAsync(string model, int seconds = 30) => this.UntilAsync(pool => pool.Route(model).Destination is not null, seconds);

    /// <summary>Every request this server received.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>The server's <c>PromptApi:ModelsPath</c>, also where it keeps models fetched from a ModelStore.</summary>
    public string ModelsFolder => _models?.FullName ?? throw new InvalidOperationException("a gateway has no models folder");

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    internal ModelManager Models => Services.GetRequiredService<ModelManager>();

    /// <summary>Stops the server; a test may stop one before the end of its <c>await using</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Client.Dispose();
        await _factory.DisposeAsync();
        _models?.Delete(recursive: true);
    }

    private sealed class Factory(Dictionary<string, string?> settings, RequestLog requests) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureServices(services => services.AddSingleton(requests.StartupFilter()));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
