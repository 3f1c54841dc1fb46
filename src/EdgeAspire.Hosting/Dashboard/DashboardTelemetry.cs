namespace EdgeAspire.Hosting.Dashboard;

/// <summary>The <c>OTEL_*</c> settings a service gets when it exports to the AppHost's own dashboard: a person is
/// watching, so batches go out within a fraction of a second rather than the SDK's 5 s (spans, logs) and 60 s
/// (metrics). Set with <c>TryAdd</c>: a resource's own <c>WithEnvironment</c> wins.</summary>
internal static class DashboardTelemetry
{
    public static void AddExportSettings(IDictionary<string, string> environment, Uri dashboard)
    {
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = dashboard.ToString().TrimEnd('/');
        // Our ServiceDefaults default to it too; said explicitly for services built on other SDKs.
        environment.TryAdd("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        environment.TryAdd("OTEL_METRIC_EXPORT_INTERVAL", "1000");
        environment.TryAdd("OTEL_BSP_SCHEDULE_DELAY", "200");
        environment.TryAdd("OTEL_BLRP_SCHEDULE_DELAY", "200");
        // The PromptApi records a "token" event per generated token on the decode span; the SDK keeps only 128
        // events per span by default, which would cut the decode bar's ticks off after 128 tokens.
        environment.TryAdd("OTEL_SPAN_EVENT_COUNT_LIMIT", "8192");
    }
}
