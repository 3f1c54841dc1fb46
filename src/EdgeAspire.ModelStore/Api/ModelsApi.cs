using EdgeAspire.ModelStore.Cache;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeAspire.ModelStore.Api;

/// <summary>The catalog with local state, pinning and deletion.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder models)
    {
        models.MapGet("/", ListModels);
        models.MapGet("/{id}", GetModel);
        models.MapPost("/{id}/pin", Pin);
        models.MapDelete("/{id}/pin", Unpin);
        models.MapDelete("/{id}", DeleteModel);
        return models;
    }

    public static Ok<ModelList> ListModels(ModelViews views) => TypedResults.Ok(new ModelList(views.List()));

    public static Ok<ModelDto> GetModel(string id, ModelViews views) => TypedResults.Ok(views.Get(id));

    public static Ok<ModelDto> Pin(string id, ModelCache cache, ModelViews views) => SetPinned(id, true, cache, views);

    public static Ok<ModelDto> Unpin(string id, ModelCache cache, ModelViews views) => SetPinned(id, false, cache, views);

    public static NoContent DeleteModel(string id, ModelCache cache)
    {
        cache.Delete(ModelIds.Require(id));
        return TypedResults.NoContent();
    }

    private static Ok<ModelDto> SetPinned(string id, bool pinned, ModelCache cache, ModelViews views)
    {
        cache.SetPinned(ModelIds.Require(id), pinned);
        return TypedResults.Ok(views.Get(id));
    }
}
