namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Where a request for a model can go: a destination, or why none (no worker has ever listed the model,
/// or every worker that lists it is out).</summary>
internal readonly record struct RouteOutcome(WorkerDestination? Destination, bool KnownModel)
{
    public static RouteOutcome Unknown => new(null, KnownModel: false);

    public static RouteOutcome NoHealthyWorker => new(null, KnownModel: true);
}
