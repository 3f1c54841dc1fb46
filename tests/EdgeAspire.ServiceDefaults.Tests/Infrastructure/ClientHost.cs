using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeAspire.ServiceDefaults.Tests.Infrastructure;

/// <summary>A non-web host with the service defaults, for the client side: discovery and resilience handlers.</summary>
internal static class ClientHost
{
    public static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        return builder.Build();
    }

    public static HttpClient CreateClient(this IHost host) =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
}
