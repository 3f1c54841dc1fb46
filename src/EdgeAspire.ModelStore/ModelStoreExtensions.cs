using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeAspire.ModelStore.Api;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Catalog;
using EdgeAspire.ModelStore.Downloads;
using EdgeAspire.ModelStore.Imports;
using EdgeAspire.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

namespace EdgeAspire.ModelStore;

internal static class ModelStoreExtensions
{
    public static WebApplicationBuilder AddModelStoreServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddModelStoreCore();
        builder.Services.AddSingleton<ModelViews>();
        builder.Services.AddSingleton<StoreErrorFilter>();
        builder.Services.AddSingleton(services => StoreKeys(services.GetRequiredService<IOptions<ModelStoreOptions>>().Value));
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower; // like the PromptApi's OpenAI wire format
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        return builder;
    }

    /// <summary>Everything the web server and the CLI share: options, catalog, cache, downloads, imports.</summary>
    public static IServiceCollection AddModelStoreCore(this IServiceCollection services)
    {
        services.AddOptions<ModelStoreOptions>()
            .BindConfiguration(ModelStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", "ModelStore:Endpoint must be an http(s) URL.")
            .Validate(o => o.ImportFolders.All(f => Path.IsPathFullyQualified(f)), "ModelStore:ImportFolders must be absolute paths.")
            .Validate(o => !BearerKeys.AreMisconfigured(o.ApiKeys),
                "ModelStore:ApiKeys has a blank key, or one with spaces around it: it would leave the store open, or match nothing. Remove it or set a real key.")
            .Validate(o => o.Catalog.All(e => ModelCatalog.Problem(e.Key, e.Value) is null),
                "ModelStore:Catalog has an invalid entry (ids are [A-Za-z0-9._-]; Repo 'owner/name'; File a relative path; Sha256 64 hex digits).")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<CacheFolder>();
        services.AddSingleton<ModelCache>();
        services.AddSingleton<CacheVerifier>();
        services.AddSingleton<HubClient>();
        services.AddSingleton<ModelPuller>();
        services.AddSingleton<DownloadCoordinator>();
        services.AddSingleton<ModelImporter>();
        services.AddSingleton<ImportFolders>();
        return services;
    }

    /// <summary>With <c>ModelStore:ApiKeys</c> set, requests need a bearer key, as the PromptApi's do; reads (GET,
    /// HEAD) stay open when <c>ModelStore:AnonymousReads</c> says so.</summary>
    private static BearerKeyFilter StoreKeys(ModelStoreOptions options) => new(
        new BearerKeys(options.ApiKeys),
        isOpen: request => options.AnonymousReads && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)),
        () =>
        {
            var error = new ModelStoreException(401, "invalid_api_key", "A valid API key is required: send 'Authorization: Bearer <key>'.");
            return TypedResults.Json(new ErrorResponse(ErrorBody.From(error)), statusCode: error.Status);
        });

    public static WebApplication MapModelStoreApi(this WebApplication app)
    {
        var keys = app.Services.GetRequiredService<BearerKeyFilter>();
        var models = app.MapGroup("/models").AddEndpointFilter(keys).AddEndpointFilter<StoreErrorFilter>();
        models.MapModelsApi();
        models.MapPullApi();
        models.MapImportApi();
        app.MapGroup("/files").AddEndpointFilter(keys).AddEndpointFilter<StoreErrorFilter>().MapFilesApi();
        return app;
    }
}
