using Microsoft.Extensions.Configuration;

namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>The store's services without a web host, as the CLI builds them: fast for many download trials.</summary>
internal static class CoreServices
{
    public static ServiceProvider Create(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddModelStoreCore();
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        return services.BuildServiceProvider(validateScopes: true);
    }
}
