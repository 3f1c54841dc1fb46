using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace EdgeAspire.Dashboard.Api;

/// <summary>The page, scripts and styles embedded in this assembly (<c>wwwroot/</c>): the dashboard works offline
/// and needs no files beside the DLL.</summary>
internal static class StaticAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly Assembly s_assembly = typeof(StaticAssets).Assembly;

    private static readonly Dictionary<string, string> s_contentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static void MapStaticAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Asset("index.html"));
        endpoints.MapGet("/assets/{name}", Asset);
        // Pages the dashboard serves but did not write (an evaluation's HTML report) make browsers ask for this.
        endpoints.MapGet("/favicon.ico", () => Asset("favicon.svg"));
    }

    private static Results<FileStreamHttpResult, NotFound> Asset(string name)
    {
        var stream = s_assembly.GetManifestResourceStream(Prefix + name);
        if (stream is null || !s_contentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
        {
            stream?.Dispose();
            return TypedResults.NotFound();
        }
        return TypedResults.Stream(stream, contentType);
    }
}
