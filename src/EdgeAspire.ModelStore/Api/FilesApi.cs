using EdgeAspire.ModelStore.Cache;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace EdgeAspire.ModelStore.Api;

/// <summary>
/// Serves model files to workers on other nodes, with <c>Range</c> (206, 416) and <c>ETag</c> = the sha256, so
/// <c>If-None-Match</c> and <c>If-Range</c> work. The file is leased until the response ends: never evicted mid-transfer.
/// </summary>
internal static class FilesApi
{
    public static RouteGroupBuilder MapFilesApi(this RouteGroupBuilder files)
    {
        files.MapMethods("/{id}", [HttpMethods.Get, HttpMethods.Head], GetFile);
        return files;
    }

    public static PhysicalFileHttpResult GetFile(string id, HttpContext context, ModelCache cache)
    {
        var lease = cache.Lease(ModelIds.Require(id)) ?? throw ModelStoreException.NotPresent(id);
        context.Response.RegisterForDispose(lease);
        var state = cache.Touch(id);
        var path = cache.Folder.ModelPath(id);
        return TypedResults.PhysicalFile(path, "application/octet-stream", $"{id}.gguf",
            lastModified: File.GetLastWriteTimeUtc(path), entityTag: new EntityTagHeaderValue($"\"{state.Sha256}\""), enableRangeProcessing: true);
    }
}
