using EdgeAspire.PromptApi.Api.Contracts;
using EdgeAspire.PromptApi.ModelStore;
using EdgeAspire.PromptApi.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Api;

internal static partial class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", ListModels);
        v1.MapGet("/models/{id}", GetModel);
        return v1;
    }

    public static async Task<JsonHttpResult<ModelList>> ListModels(ModelCatalog catalog, ModelManager models, StoreModelFetcher store,
        IOptions<PromptApiOptions> options, ILogger<ModelCatalog> logger, CancellationToken cancellationToken)
    {
        var (servable, rejected) = catalog.List();
        // Describing a model can reject it: Describe then lists it as refused.
        var local = servable.Select(e => Describe(e, models, options.Value)).Concat(rejected.Select(ToDto)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        var offered = await OfferedByStoreAsync(store, logger, cancellationToken);
        var remote = offered.Where(m => local.All(l => l.Id != m.Id)).Select(ToDto);
        return TypedResults.Json(new ModelList("list", [.. local, .. remote]), PromptApiJsonContext.Default.ModelList);
    }

    public static async Task<IResult> GetModel(string id, ModelCatalog catalog, ModelManager models, StoreModelFetcher store,
        IOptions<PromptApiOptions> options, CancellationToken cancellationToken)
    {
        var (entry, rejected) = catalog.Find(id);
        if (entry is not null)
        {
            // One model's details name its file exactly: wait for the hash (once per file; the list doesn't wait).
            await entry.Sha256.WaitAsync(cancellationToken);
            return TypedResults.Json(Describe(entry, models, options.Value), PromptApiJsonContext.Default.ModelDto);
        }
        if (rejected is not null)
        {
            return TypedResults.Json(ToDto(rejected), PromptApiJsonContext.Default.ModelDto);
        }
        if (store.IsEnabled && await store.Client.FindAsync(id, cancellationToken) is { } offered)
        {
            return TypedResults.Json(ToDto(offered), PromptApiJsonContext.Default.ModelDto);
        }
        return OpenAIErrors.Result(404, $"The model '{id}' does not exist.", param: "model", code: "model_not_found");
    }

    /// <summary>The store's catalog; an unreachable store leaves the list to the local models.</summary>
    private static async Task<IReadOnlyList<StoreModel>> OfferedByStoreAsync(StoreModelFetcher store, ILogger logger, CancellationToken cancellationToken)
    {
        if (!store.IsEnabled)
        {
            return [];
        }
        try
        {
            return await store.Client.ListAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogStoreUnavailable(logger, e.Message);
            return [];
        }
    }

    private static ModelDto ToDto(StoreModel model) => new(model.Id, "model", 0, "edgeaspire",
        new ModelMeta("modelstore", null, null, model.Quantization, null, null, null, model.Size, null, Loaded: false, Synthetic: false, File: null, StoreState: model.State));

    private static ModelDto ToDto(RejectedModel model) => new(model.Id, "model", model.Modified.ToUnixTimeSeconds(), "edgeaspire",
        new ModelMeta("local", null, null, null, null, null, null, null, null, Loaded: false, Synthetic: false, File: Path.GetFileName(model.Path),
            Available: false, UnavailableReason: model.Reason));

    /// <summary>The model's facts, or its refusal when working them out rejects the file.</summary>
    private static ModelDto Describe(CatalogEntry entry, ModelManager models, PromptApiOptions options)
    {
        try
        {
            return ToDto(entry, models, options);
        }
        catch (InvalidModelFileException e)
        {
            return ToDto(e.Model);
        }
    }

    private static ModelDto ToDto(CatalogEntry entry, ModelManager models, PromptApiOptions options)
    {
        var info = entry.Info;
        var meta = new ModelMeta(
            "local",
            info.Architecture,
            info.ParameterCount,
            info.Quantization,
            info.ContextLength,
            entry.ContextSizeFor(options.ContextSize),
            models.SequencesFor(entry),
            entry.Gguf.FileSize,
            models.EstimateBytes(entry),
            models.IsLoaded(entry.Id),
            info.IsSynthetic,
            Path.GetFileName(entry.Path),
            Sha256: entry.Sha256.IsCompletedSuccessfully ? entry.Sha256.Result : null);
        return new ModelDto(entry.Id, "model", entry.Modified.ToUnixTimeSeconds(), "edgeaspire", meta);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ModelStore's catalog is unavailable: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);
}
