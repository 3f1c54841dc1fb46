namespace EdgeAspire.ModelStore.Api;

/// <summary>Turns exceptions thrown before a response has started into the PromptApi's error JSON.</summary>
internal sealed partial class StoreErrorFilter(ILogger<StoreErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the client is gone; nobody reads an answer
        }
        catch (Exception e) when (!context.HttpContext.Response.HasStarted)
        {
            var error = e is BadHttpRequestException bad
                ? new ModelStoreException(bad.StatusCode, "invalid_request", bad.Message)
                : ModelStoreException.From(e);
            if (error.Status >= 500 && error.Code != "upstream_error")
            {
                LogFailure(logger, e);
            }
            return TypedResults.Json(new ErrorResponse(ErrorBody.From(error)), statusCode: error.Status);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
