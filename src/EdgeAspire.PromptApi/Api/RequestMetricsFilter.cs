namespace EdgeAspire.PromptApi.Api;

/// <summary>Counts every API request by route and final status, including errors and streams, once the response
/// has been sent.</summary>
internal sealed class RequestMetricsFilter(PromptApiMetrics metrics) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value ?? "";
        http.Response.OnCompleted(() =>
        {
            metrics.RecordRequest(route, http.Response.StatusCode);
            return Task.CompletedTask;
        });
        return next(context);
    }
}
