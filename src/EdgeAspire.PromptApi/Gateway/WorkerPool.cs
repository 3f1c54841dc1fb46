using System.Text.Json;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Every replica of every configured worker service, and the choice among them: least outstanding
/// requests among the healthy destinations that serve a model, those holding the file before those that would
/// fetch it from the ModelStore.</summary>
internal sealed class WorkerPool
{
    private readonly object _changeLock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _turn = -1;

    public WorkerPool(IOptions<GatewayOptions> options, IDestinationResolver resolver)
    {
        Destinations = [.. options.Value.Workers.SelectMany(name => Resolve(resolver, name))];
    }

    // Service discovery's resolver for Yarp turns a worker's name into one destination per replica
    // (services__{name}__http__{i}, https preferred). Resolved once, as the host is built: the addresses are
    // configuration, and a Kubernetes Service name among them is balanced by the cluster's own DNS.
    private static IEnumerable<WorkerDestination> Resolve(IDestinationResolver resolver, string name)
    {
        var configured = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal) { [name] = new() { Address = $"https+http://{name}" } };
        var resolved = resolver.ResolveDestinationsAsync(configured, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return resolved.Destinations.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new WorkerDestination(name, new Uri(d.Value.Address)));
    }

    public IReadOnlyList<WorkerDestination> Destinations { get; }

    /// <summary>True once every destination has been probed at least once.</summary>
    public bool Probed { get; private set; }

    /// <summary>Completes at the next change of any destination's health; tests and the prober's callers await it.</summary>
    public Task Changed
    {
        get
        {
            lock (_changeLock)
            {
                return _changed.Task;
            }
        }
    }

    /// <param name="tried">Destinations this request already failed on.</param>
    public RouteOutcome Route(string model, IReadOnlyCollection<WorkerDestination>? tried = null)
    {
        var known = false;
        WorkerDestination? best = null;
        var bestRank = (Available: false, Local: false, Outstanding: int.MaxValue);
        // Start at a rotating offset so that ties (idle replicas) take turns rather than all going to the first.
        var start = (int)((uint)Interlocked.Increment(ref _turn) % (uint)Math.Max(1, Destinations.Count));
        for (var i = 0; i < Destinations.Count; i++)
        {
            var destination = Destinations[(start + i) % Destinations.Count];
            if (!destination.Models.TryGetValue(model, out var served))
            {
                continue;
            }
            known = true;
            if (!destination.Healthy || tried?.Contains(destination) == true)
            {
                continue;
            }
            // A worker that refused its file goes last: it answers invalid_model_file, which is right only when no
            // other worker can serve the model.
            var rank = (served.Available, served.Local, destination.Outstanding);
            if (best is null || IsBetter(rank, bestRank))
            {
                (best, bestRank) = (destination, rank);
            }
        }
        return best is not null ? new RouteOutcome(best, true) : known ? RouteOutcome.NoHealthyWorker : RouteOutcome.Unknown;
    }

    private static bool IsBetter((bool Available, bool Local, int Outstanding) rank, (bool Available, bool Local, int Outstanding) than) =>
        rank.Available != than.Available ? rank.Available
        : rank.Local != than.Local ? rank.Local
        : rank.Outstanding < than.Outstanding;

    /// <summary>The models of the healthy workers, each once: as the first worker in configuration order that can
    /// serve it lists it, else as the first lists it.</summary>
    public IReadOnlyList<JsonElement> MergedModels()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. Destinations.Where(d => d.Healthy).SelectMany(d => d.Models.Values).OrderByDescending(m => m.Available)
            .Where(m => seen.Add(m.Id)).Select(m => m.Json)];
    }

    public bool AnyHealthy => Destinations.Any(d => d.Healthy);

    public void MarkHealthy(WorkerDestination destination, IReadOnlyDictionary<string, WorkerModel> models)
    {
        if (destination.MarkHealthy(models))
        {
            SignalChange();
        }
    }

    public void MarkUnhealthy(WorkerDestination destination, string problem)
    {
        if (destination.MarkUnhealthy(problem))
        {
            SignalChange();
        }
    }

    public void MarkProbed()
    {
        if (!Probed)
        {
            Probed = true;
            SignalChange();
        }
    }

    private void SignalChange()
    {
        TaskCompletionSource previous;
        lock (_changeLock)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        previous.TrySetResult();
    }
}
