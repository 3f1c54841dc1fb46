namespace EdgeAspire.PromptApi.Gateway;

/// <summary>One replica the gateway routes to: <see cref="Address"/> is what <see cref="WorkerHeader"/> carries,
/// <see cref="Metrics"/> its Prometheus endpoint.</summary>
internal sealed record GatewayWorker(string Service, string Address, string Metrics, bool Healthy);

/// <summary><c>GET /v1/workers</c>.</summary>
internal sealed record GatewayWorkerList(string Object, IReadOnlyList<GatewayWorker> Data);
