using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;

namespace EdgeAspire.PromptApi.Api;

/// <summary>Turns exceptions thrown before a response has started into OpenAI error JSON.</summary>
internal sealed partial class OpenAIErrorFilter(ILogger<OpenAIErrorFilter> logger) : IEndpointFilter
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
            if (OpenAIErrors.Describe(e) is not var (status, body))
            {
                LogUnexpected(logger, e);
                return OpenAIErrors.Result(500, "The server failed to process the request.", "server_error");
            }
            if (e is QueueFullException)
            {
                context.HttpContext.Response.Headers.RetryAfter = OpenAIErrors.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            return TypedResults.Json(new ErrorResponse(body), PromptApiJsonContext.Default.ErrorResponse, statusCode: status);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
