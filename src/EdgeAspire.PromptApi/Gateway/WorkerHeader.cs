namespace EdgeAspire.PromptApi.Gateway;

/// <summary>The response header in which the gateway names the worker that served a request (its address, as
/// <c>GET /v1/workers</c> lists it): a client measuring the node that did the inference reads that worker's
/// <c>/metrics</c>, not the gateway's.</summary>
public static class WorkerHeader
{
    public const string Name = "X-EdgeAspire-Worker";
}
