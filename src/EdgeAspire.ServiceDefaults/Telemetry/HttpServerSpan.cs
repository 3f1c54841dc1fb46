using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>
/// Name and tags of an HTTP server span after the OpenTelemetry semantic conventions (HTTP spans, stable):
/// https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-server.
/// </summary>
internal static class HttpServerSpan
{
    private const string OtherMethod = "_OTHER";

    private static readonly HashSet<string> s_knownMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY",
    };

    public static void OnRequest(Activity activity, HttpRequest request)
    {
        var method = NormalizedMethod(request.Method);
        activity.DisplayName = method == OtherMethod ? "HTTP" : method;
        activity.SetTag("http.request.method", method);
        if (method == OtherMethod)
        {
            activity.SetTag("http.request.method_original", request.Method);
        }

        activity.SetTag("url.path", request.Path.HasValue ? request.Path.Value : "/");
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("server.address", request.Host.Host);
        activity.SetTag("server.port", request.Host.Port ?? DefaultPort(request.Scheme));
        activity.SetTag("network.protocol.version", ProtocolVersion(request.Protocol));
        if (request.Headers.UserAgent is { Count: > 0 } userAgent)
        {
            activity.SetTag("user_agent.original", userAgent.ToString());
        }
    }

    public static void OnResponse(Activity activity, HttpContext context)
    {
        SetRoute(activity, context);
        var status = context.Response.StatusCode;
        activity.SetTag("http.response.status_code", status);

        // Server spans: only 5xx is an error; 4xx is the client's.
        if (status >= StatusCodes.Status500InternalServerError)
        {
            activity.SetTag("error.type", status.ToString(CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }

    public static void OnException(Activity activity, HttpContext context, Exception exception)
    {
        SetRoute(activity, context);
        var status = context.Response.HasStarted ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
        activity.SetTag("http.response.status_code", status);
        activity.SetTag("error.type", exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }

    private static void SetRoute(Activity activity, HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } template })
        {
            return;
        }

        var route = template.StartsWith('/') ? template : "/" + template;
        activity.SetTag("http.route", route);
        var method = activity.GetTagItem("http.request.method") as string;
        activity.DisplayName = $"{(method is null or OtherMethod ? "HTTP" : method)} {route}";
    }

    private static string NormalizedMethod(string method) =>
        s_knownMethods.TryGetValue(method, out var known) ? known : OtherMethod;

    private static int DefaultPort(string scheme) =>
        string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;

    private static string ProtocolVersion(string protocol) => protocol switch
    {
        "HTTP/1.0" => "1.0",
        "HTTP/1.1" => "1.1",
        "HTTP/2" => "2",
        "HTTP/3" => "3",
        _ => protocol,
    };
}
