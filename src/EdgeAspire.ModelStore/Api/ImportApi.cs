using EdgeAspire.ModelStore.Imports;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EdgeAspire.ModelStore.Api;

/// <summary>
/// <c>POST /models/import</c> takes either JSON <c>{"path": "/abs/file.gguf", "id": "name"}</c> naming a file inside
/// one of <c>ModelStore:ImportFolders</c> (none by default), or the GGUF itself as an <c>application/octet-stream</c>
/// body with <c>?id=name</c>.
/// </summary>
internal static class ImportApi
{
    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder models)
    {
        models.MapPost("/import", Import);
        return models;
    }

    public static async Task<Created<ModelDto>> Import(HttpRequest request, string? id, ModelImporter importer, ImportFolders folders, ModelViews views,
        CancellationToken cancellationToken)
    {
        var state = request.HasJsonContentType()
            ? await ImportFromPath(request, id, importer, folders, cancellationToken)
            : await ImportFromBody(request, id, importer, cancellationToken);
        return TypedResults.Created($"/models/{state.Id}", views.Get(state.Id));
    }

    private static async Task<Cache.ModelState> ImportFromPath(HttpRequest request, string? id, ModelImporter importer, ImportFolders folders,
        CancellationToken cancellationToken)
    {
        var body = await request.ReadFromJsonAsync<ImportRequest>(cancellationToken)
            ?? throw new ModelStoreException(400, "invalid_body", "Send {\"path\": \"/abs/file.gguf\", \"id\": \"name\"}.", "path");
        var path = body.Path ?? "";
        id = body.Id ?? id;
        if (id is not null)
        {
            Cache.ModelIds.Require(id);
        }
        // The id defaults to the name the client gave, not to where a link leads.
        return await importer.ImportFileAsync(folders.Resolve(path), id ?? Path.GetFileNameWithoutExtension(path), cancellationToken);
    }

    private static async Task<Cache.ModelState> ImportFromBody(HttpRequest request, string? id, ModelImporter importer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ModelStoreException(400, "missing_id", "A streamed import needs ?id=<model id>.", "id");
        }
        // A model is gigabytes: lift Kestrel's 30 MB default for this request only.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        return await importer.ImportAsync(request.Body, request.ContentLength, id, "upload", cancellationToken);
    }
}
