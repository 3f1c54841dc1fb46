using EdgeAspire.Dashboard.Storage;
using Microsoft.Extensions.Options;

namespace EdgeAspire.Dashboard.Tests;

public sealed class TelemetryStoreTests
{
    private static TelemetryStore Store(int capacity) =>
        new(Options.Create(new DashboardOptions { MaxSpans = capacity, MaxLogRecords = capacity, MaxMetricPoints = capacity }));

    private static readonly TelemetryResource s_resource = TelemetryResource.From(new Dictionary<string, object?> { ["service.name"] = "svc" });

    internal static LogRecordData Log(string body, int severity = 9) =>
        new(1, severity, "", body, new Dictionary<string, object?>(), "", "", s_resource, "scope");

    private static SpanData Span(string name) =>
        new("t", name, "", name, 1, 0, 1, 0, "", new Dictionary<string, object?>(), [], s_resource, "scope");

    [Fact]
    public void Evicts_the_oldest_first_and_counts_what_it_evicted()
    {
        var store = Store(3);

        store.AddSpans(new[] { "a", "b" }.Select(Span));
        store.AddSpans(new[] { "c", "d", "e" }.Select(Span));

        Assert.Equal(["c", "d", "e"], store.Spans().Select(s => s.Name));
        Assert.Equal((5L, 2L), (store.Counts().Spans, store.Counts().SpansEvicted));
    }

    [Fact]
    public void Log_polling_after_a_sequence_returns_only_newer_records_even_across_eviction()
    {
        var store = Store(3);
        store.AddLogs(new[] { "1", "2" }.Select(b => Log(b)));
        var seen = store.Logs()[^1].Sequence;

        store.AddLogs(new[] { "3", "4", "5", "6" }.Select(b => Log(b)));

        Assert.Equal(2, seen);
        Assert.Equal([(4L, "4"), (5L, "5"), (6L, "6")], store.Logs(seen).Select(l => (l.Sequence, l.Record.Body)));
        Assert.Empty(store.Logs(6));
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_lose_nothing_within_capacity()
    {
        var store = Store(100_000);

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                store.AddLogs([Log($"{w}-{i}")]);
                _ = store.Logs(store.Counts().Logs - 5);
            }
        }, TestContext.Current.CancellationToken));
        await Task.WhenAll(writers);

        Assert.Equal(8000, store.Logs().Select(l => l.Record.Body).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 8000).Select(i => (long)i), store.Logs().Select(l => l.Sequence));
    }
}
