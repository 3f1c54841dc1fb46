using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace EdgeAspire.ServiceDefaults.Tests;

public sealed class ServiceDiscoveryTests
{
    [Fact]
    public async Task Service_name_reaches_the_configured_endpoint()
    {
        await using var modelStore = await NamedServer("a");
        using var host = ModelStoreClient(modelStore);
        using var client = host.CreateClient();

        var body = await client.GetStringAsync(new Uri("http://modelstore/x?q=1"), TestContext.Current.CancellationToken);

        Assert.Equal("a /x?q=1", body);
    }

    [Fact]
    public async Task Two_endpoints_are_used_round_robin()
    {
        await using var first = await NamedServer("a");
        await using var second = await NamedServer("b");
        using var host = ClientHost.Build(new Dictionary<string, string?>
        {
            ["services:modelstore:http:0"] = first.BaseAddress.ToString(),
            ["services:modelstore:http:1"] = second.BaseAddress.ToString(),
        });
        using var client = host.CreateClient();

        var bodies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            bodies.Add(await client.GetStringAsync(new Uri("http://modelstore/"), TestContext.Current.CancellationToken));
        }

        Assert.Equal(2, bodies.Distinct().Count());
        Assert.All(bodies.Zip(bodies.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task A_name_without_configuration_passes_through_to_DNS_as_a_Kubernetes_Service_name_does()
    {
        await using var server = await NamedServer("direct");
        using var host = ClientHost.Build(new Dictionary<string, string?>
        {
            ["services:modelstore:http:0"] = "http://127.0.0.1:1/",
        });
        using var client = host.CreateClient();
        var direct = new Uri($"http://localhost:{server.Port}/y");

        using var response = await client.GetAsync(direct, TestContext.Current.CancellationToken);

        Assert.Equal("direct /y", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(direct, response.RequestMessage!.RequestUri);
    }

    [Fact]
    public async Task Https_plus_http_falls_back_to_http_without_an_https_endpoint()
    {
        await using var modelStore = await NamedServer("plain");
        using var host = ModelStoreClient(modelStore);
        using var client = host.CreateClient();
        client.BaseAddress = new Uri("https+http://modelstore");

        var body = await client.GetStringAsync(new Uri("/v1/models", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("plain /v1/models", body);
    }

    private static IHost ModelStoreClient(LoopbackServer modelStore) => ClientHost.Build(new Dictionary<string, string?>
    {
        ["services:modelstore:http:0"] = modelStore.BaseAddress.ToString(),
    });

    private static Task<LoopbackServer> NamedServer(string name) => LoopbackServer.StartAsync(app =>
        app.Run(context => context.Response.WriteAsync($"{name} {context.Request.Path}{context.Request.QueryString}")));
}
