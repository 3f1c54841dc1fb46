using System.Diagnostics;
using System.Threading.Channels;
using OpenTelemetry;

namespace EdgeAspire.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// Receives what the SDK exports. The ActivitySource listeners are process-wide, so it also sees spans of servers
/// started by other tests: match on the port.
/// </summary>
internal sealed class CollectingExporter : BaseExporter<Activity>
{
    private readonly Channel<Activity> _exported = Channel.CreateUnbounded<Activity>();
    private readonly List<Activity> _seen = [];

    public IReadOnlyList<Activity> Seen => _seen;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            _exported.Writer.TryWrite(activity);
        }

        return ExportResult.Success;
    }

    public async Task<Activity> WaitForAsync(Func<Activity, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await foreach (var activity in _exported.Reader.ReadAllAsync(timeout.Token))
        {
            _seen.Add(activity);
            if (match(activity))
            {
                return activity;
            }
        }

        throw new InvalidOperationException("The exporter's channel closed.");
    }
}
