namespace EdgeAspire.ModelStore;

/// <summary>
/// Every failure a caller should see, with the HTTP status and OpenAI-style error fields it maps to; the CLI
/// prints <see cref="Exception.Message"/> on one line.
/// </summary>
internal sealed class ModelStoreException(int status, string code, string message, string? param = null, Exception? inner = null)
    : Exception(message, inner)
{
    public const string UnsafePathCode = "unsafe_path";

    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? Param { get; } = param;
    public string Type => Status >= 500 ? "server_error" : "invalid_request_error";

    /// <summary>Any failure as one the caller may see; unexpected ones keep their message but not their stack.</summary>
    public static ModelStoreException From(Exception exception) => exception switch
    {
        ModelStoreException e => e,
        OperationCanceledException e => new(503, "cancelled", "The operation was cancelled (the store is stopping); a later pull resumes it.", null, e),
        HttpRequestException e => Upstream("Reaching the model endpoint (ModelStore:Endpoint)", null, $"{e.Message} Offline? Import a local file instead: POST /models/import or the 'import' command.", e),
        System.Text.Json.JsonException e => new(400, "invalid_json", $"The request body is not valid JSON for this endpoint: {e.Message}", null, e),
        IOException or UnauthorizedAccessException => new(500, "storage_error", $"The cache could not be written: {exception.Message}", null, exception),
        _ => new(500, "internal_error", exception.Message, null, exception),
    };

    public static ModelStoreException InvalidId(string? id) =>
        new(400, "invalid_model_id", $"'{id}' is not a valid model id: {Cache.ModelIds.Rule}.", "id");

    public static ModelStoreException UnknownModel(string id) =>
        new(404, "model_not_found", $"The model '{id}' is not in the catalog or the cache.", "id");

    public static ModelStoreException NotPresent(string id) =>
        new(404, "model_not_present", $"The model '{id}' is not in the cache; pull or import it first.", "id");

    public static ModelStoreException UnsafePath(string name) =>
        new(400, UnsafePathCode, $"'{name}' in the cache is a symbolic link or leaves the cache folder; the store refuses it.");

    public static ModelStoreException QuotaExceeded(string id, string detail) =>
        new(507, "quota_exceeded", $"'{id}' does not fit the quota (ModelStore:QuotaBytes): {detail}. Unpin or delete models, or raise the quota.", "id");

    public static ModelStoreException Busy(string id, string why) =>
        new(409, "model_busy", $"The model '{id}' is {why}; try again when it is done.", "id");

    public static ModelStoreException Upstream(string what, int? status, string detail, Exception? inner = null) =>
        new(502, "upstream_error", $"{what} failed{(status is { } s ? $" with HTTP {s}" : "")}: {detail}", null, inner);

    public static ModelStoreException Gated(string repo, int status) =>
        new(502, "upstream_unauthorized", $"'{repo}' answered HTTP {status}: gated or unauthorised: accept the licence on the Hub and set HF_TOKEN.");

    public static ModelStoreException ChecksumMismatch(string id, string expected, string actual) =>
        new(502, "checksum_mismatch", $"The download of '{id}' has sha256 {actual}, not the expected {expected}; the partial file was deleted.");
}
