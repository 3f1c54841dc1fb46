using System.ComponentModel.DataAnnotations;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Settings under <c>PromptApi:Gateway:</c> (used when <c>PromptApi:Mode</c> is <c>gateway</c>). The names
/// are a contract: the AppHost and the K3s manifests set them.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = $"{PromptApiOptions.SectionName}:Gateway";

    /// <summary>Service names of the workers (<c>PromptApi:Gateway:Workers:0 = worker-a</c>); each resolves through
    /// service discovery (<c>services__worker-a__http__0</c>, <c>__1</c>, … one destination per replica).</summary>
    [MinLength(1, ErrorMessage = "Set PromptApi:Gateway:Workers:0 (a worker's service name) for the gateway to route to.")]
    public string[] Workers { get; set; } = [];

    /// <summary>How often every worker's <c>/health</c> and <c>/v1/models</c> are polled.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A probe that takes longer counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Longest silence from a worker during one forwarded request (Yarp's activity timeout): a 7B model on a
    /// Pi 5 can think for minutes before a non-streamed answer's first byte.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
