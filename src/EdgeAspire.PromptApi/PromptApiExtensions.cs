using EdgeAspire.Llama;
using EdgeAspire.PromptApi.Admission;
using EdgeAspire.PromptApi.Api;
using EdgeAspire.PromptApi.Gateway;
using EdgeAspire.PromptApi.ModelStore;
using EdgeAspire.PromptApi.Models;
using EdgeAspire.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Refit;

namespace EdgeAspire.PromptApi;

internal static class PromptApiExtensions
{
    /// <summary>What both modes share (settings, API keys, error shape, body limit, request metrics), then the
    /// worker's models or the gateway's routing, as <c>PromptApi:Mode</c> says.</summary>
    public static WebApplicationBuilder AddPromptApiServices(this WebApplicationBuilder builder)
    {
        var gateway = PromptApiMode.IsGateway(builder.Configuration);
        var options = builder.Services.AddOptions<PromptApiOptions>()
            .BindConfiguration(PromptApiOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !BearerKeys.AreMisconfigured(o.ApiKeys),
                "PromptApi:ApiKeys has a blank key, or one with spaces around it: it would leave the API open, or match nothing. Remove it or set a real key.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PromptApiMetrics>();
        builder.Services.AddSingleton<OpenAIErrorFilter>();
        builder.Services.AddSingleton(services => new BearerKeyFilter(
            new BearerKeys(services.GetRequiredService<IOptions<PromptApiOptions>>().Value.ApiKeys),
            isOpen: _ => false,
            () => OpenAIErrors.Result(401, "A valid API key is required: send 'Authorization: Bearer <key>'.", code: "invalid_api_key")));
        builder.Services.AddSingleton<RequestMetricsFilter>();
        var maxBody = builder.Configuration.GetValue<long?>($"{PromptApiOptions.SectionName}:{nameof(PromptApiOptions.MaxRequestBodyBytes)}") ?? new PromptApiOptions().MaxRequestBodyBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        return gateway ? builder.AddGatewayServices() : builder.AddWorkerServices(options);
    }

    public static WebApplication MapPromptApi(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<PromptApiMetrics>(); // its observable gauges exist from the first /metrics scrape
        var v1 = app.MapGroup("/v1")
            .AddEndpointFilter<RequestMetricsFilter>()
            .AddEndpointFilter(app.Services.GetRequiredService<BearerKeyFilter>())
            .AddEndpointFilter<OpenAIErrorFilter>();
        if (PromptApiMode.IsGateway(app.Configuration))
        {
            v1.MapGatewayApi();
            return app;
        }
        v1.MapChatCompletionsApi();
        v1.MapCompletionsApi();
        v1.MapModelsApi();
        return app;
    }

    private static WebApplicationBuilder AddWorkerServices(this WebApplicationBuilder builder, OptionsBuilder<PromptApiOptions> options)
    {
        var hasModelStore = ModelStoreClient.IsConfigured(builder.Configuration);
        options
            .Validate(o => o.ModelsPath is { Length: > 0 } || o.Models.Count > 0 || hasModelStore,
                "Set PromptApi:ModelsPath (a folder of .gguf files), PromptApi:Models:<id> (a file), or a ModelStore (services__modelstore__http__0).")
            .Validate(o => o.ModelsPath is not { Length: > 0 } path || Directory.Exists(path), "PromptApi:ModelsPath does not exist.");
        builder.Services.AddOptions<LlamaRuntimeOptions>().BindConfiguration(LlamaRuntimeOptions.SectionName);
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .PostConfigure<IConfiguration>((telemetry, configuration) =>
                telemetry.CaptureMessageContent |= string.Equals(configuration[TelemetryOptions.CaptureEnvironmentVariable], "true", StringComparison.OrdinalIgnoreCase))
            .ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton(services => LlamaRuntime.Initialize(
            services.GetRequiredService<IOptions<LlamaRuntimeOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("EdgeAspire.Llama")));
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<StoreModelFetcher>();
        builder.Services.AddRefitGeneratedClient<IModelStoreApi>(StoreJsonContext.Default).ConfigureHttpClient(ModelStoreClient.ConfigureHttp);
        builder.Services.AddHttpClient<ModelStoreClient>(ModelStoreClient.ConfigureHttp);
        builder.Services.AddSingleton<AdmissionProbe>();
        builder.Services.AddSingleton<ModelManager>();
        builder.Services.AddHostedService<RuntimeStartup>();
        builder.Services.AddHealthChecks().AddCheck<ModelsHealthCheck>("models");
        return builder;
    }
}
