namespace EdgeAspire.Evaluator.Backends;

/// <summary>What the tap saw in one response's events.</summary>
public sealed class TimingsCapture
{
    public ServerTimings? Timings { get; set; }

    public string? Fingerprint { get; set; }

    /// <summary>The worker a gateway says served the request (<see cref="Measurement.ServingProbes.WorkerHeader"/>).</summary>
    public string? Worker { get; set; }
}
