extern alias store;

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>The real ModelStore on a loopback port over a temporary cache, with no route to the Hub: models get
/// into it by import.</summary>
public sealed class ModelStoreServer : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("edgeaspire-store-");
    private readonly DirectoryInfo _imports = Directory.CreateTempSubdirectory("edgeaspire-store-imports-");

    /// <param name="apiKey">The store's one API key (<c>ModelStore:ApiKeys</c>), which <see cref="Client"/> sends; null: an open store.</param>
    public ModelStoreServer(string? apiKey = null)
    {
        _factory = new Factory(_cache.FullName, _imports.FullName, apiKey);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        Client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>Copies the file into the store's import folder (import by path reads nothing else) and imports it.</summary>
    public async Task ImportAsync(string id, string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_imports.FullName, Path.GetFileName(file));
        File.Copy(file, path, overwrite: true);
        using var response = await Client.PostAsJsonAsync("/models/import", new { path, id }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        _cache.Delete(recursive: true);
        _imports.Delete(recursive: true);
    }

    private sealed class Factory(string cache, string imports, string? apiKey) : WebApplicationFactory<store::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ModelStore:CachePath", cache);
            builder.UseSetting("ModelStore:ImportFolders:0", imports);
            if (apiKey is not null)
            {
                builder.UseSetting("ModelStore:ApiKeys:0", apiKey);
            }
            builder.UseSetting("ModelStore:Endpoint", "http://127.0.0.1:9"); // nothing listens: the Hub is never reached
        }
    }
}
