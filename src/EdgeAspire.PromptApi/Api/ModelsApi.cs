using EdgeAspire.PromptApi.Api.Contracts;
using EdgeAspire.PromptApi.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Api;

internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/models", ListModels);
        v1.MapGet("/models/{id}", GetModel);
        return v1;
    }

    public static JsonHttpResult<ModelList> ListModels(ModelCatalog catalog, ModelManager models, IOptions<PromptApiOptions> options) =>
        TypedResults.Json(new ModelList("list", [.. catalog.List().Select(e => ToDto(e, models, options.Value))]), PromptApiJsonContext.Default.ModelList);

    public static IResult GetModel(string id, ModelCatalog catalog, ModelManager models, IOptions<PromptApiOptions> options) =>
        catalog.Find(id) is { } entry
            ? TypedResults.Json(ToDto(entry, models, options.Value), PromptApiJsonContext.Default.ModelDto)
            : OpenAIErrors.Result(404, $"The model '{id}' does not exist.", param: "model", code: "model_not_found");

    private static ModelDto ToDto(CatalogEntry entry, ModelManager models, PromptApiOptions options)
    {
        var info = entry.Info;
        var meta = new ModelMeta(
            info.Architecture,
            info.ParameterCount,
            info.Quantization,
            info.ContextLength,
            entry.ContextSizeFor(options.ContextSize),
            entry.Gguf.FileSize,
            models.EstimateBytes(entry),
            models.IsLoaded(entry.Id),
            info.IsSynthetic,
            Path.GetFileName(entry.Path));
        return new ModelDto(entry.Id, "model", entry.Modified.ToUnixTimeSeconds(), "edgeaspire", meta);
    }
}
