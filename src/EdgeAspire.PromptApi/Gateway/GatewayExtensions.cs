using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Gateway mode (<c>PromptApi:Mode = gateway</c>): no models and no llama.cpp, only routing to workers.</summary>
internal static class GatewayExtensions
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());
        builder.Services.AddHttpForwarder();
        // Only for its destination resolver: the gateway forwards with IHttpForwarder and maps no proxy routes.
        builder.Services.AddReverseProxy().AddServiceDiscoveryDestinationResolver();
        builder.Services.AddSingleton<WorkerPool>();
        builder.Services.AddSingleton<WorkerProber>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WorkerProber>());
        builder.Services.AddSingleton<WorkerForwarder>();
        builder.Services.AddSingleton<ModelRouter>();
        builder.Services.AddHealthChecks().AddCheck<GatewayHealthCheck>("workers");
        return builder;
    }
}
