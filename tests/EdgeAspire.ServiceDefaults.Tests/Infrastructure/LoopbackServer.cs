using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EdgeAspire.ServiceDefaults.Tests.Infrastructure;

/// <summary>A real Kestrel <see cref="WebApplication"/> on an ephemeral loopback port.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private LoopbackServer(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public static async Task<LoopbackServer> StartAsync(
        Action<WebApplication> map,
        Action<WebApplicationBuilder>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        configure?.Invoke(builder);

        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LoopbackServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
