using System.Text.Json;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Api.Contracts;
using EdgeAspire.PromptApi.Models;

namespace EdgeAspire.PromptApi.Api;

/// <summary>Every failure as OpenAI's error JSON with the status a client expects.</summary>
internal static class OpenAIErrors
{
    public const string InvalidRequest = "invalid_request_error";

    public const string InvalidModelFile = "invalid_model_file";

    /// <summary>Seconds a client should wait after a 429 before it retries.</summary>
    public const int RetryAfterSeconds = 1;

    public static IResult Result(int status, string message, string type = InvalidRequest, string? param = null, string? code = null) =>
        TypedResults.Json(new ErrorResponse(new ErrorBody(message, type, param, code)), PromptApiJsonContext.Default.ErrorResponse, statusCode: status);

    /// <summary>Maps an exception to (status, body); null for exceptions that are not the client's to see.</summary>
    public static (int Status, ErrorBody Body)? Describe(Exception exception) => exception switch
    {
        RequestValidationException e => (400, new ErrorBody(e.Message, InvalidRequest, e.Param, e.Code)),
        JsonException e => (400, new ErrorBody($"The request body is not valid JSON for this endpoint: {e.Message}", InvalidRequest, JsonParam(e), "invalid_json")),
        BadHttpRequestException { StatusCode: 413 } => (413, new ErrorBody("The request body is larger than this server accepts.", InvalidRequest, null, "request_too_large")),
        BadHttpRequestException e => (e.StatusCode, new ErrorBody(e.Message, InvalidRequest, null, null)),
        ModelNotFoundException e => (404, new ErrorBody(e.Message, InvalidRequest, "model", "model_not_found")),
        ModelTooLargeException e => (400, new ErrorBody(e.Message, InvalidRequest, "model", "model_too_large")),
        ContextLengthExceededException e => (400, new ErrorBody(e.Message, InvalidRequest, "messages", "context_length_exceeded")),
        QueueFullException e => (429, new ErrorBody(e.Message, "rate_limit_error", null, "queue_full")),
        ArgumentException e => (400, new ErrorBody(e.Message, InvalidRequest, e.ParamName, null)),
        PromptApi.ModelStore.ModelStoreException e => (502, new ErrorBody(e.Message, "server_error", "model", "model_store_error")),
        InvalidModelFileException e => (400, new ErrorBody(e.Message, InvalidRequest, "model", InvalidModelFile)),
        GgufFormatException e => (400, new ErrorBody($"The model file is not valid: {e.Message}", InvalidRequest, "model", InvalidModelFile)),
        _ => null,
    };

    private static string? JsonParam(JsonException e) => e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
}
