using System.Text.Json.Serialization;

namespace EdgeAspire.ModelStore.Downloads;

/// <summary>One progress snapshot, as sent in the pull's server-sent events and returned by <c>POST …/pull</c>.</summary>
internal sealed record PullProgress(
    string Id,
    string State,
    long Bytes,
    long? Total,
    double BytesPerSecond,
    double? EtaSeconds,
    string? Sha256 = null,
    ErrorBody? Error = null)
{
    public const string Resolving = "resolving";
    public const string Downloading = "downloading";
    public const string Done = "done";
    public const string Failed = "failed";

    [JsonIgnore]
    public bool IsFinished => State is Done or Failed;
}
