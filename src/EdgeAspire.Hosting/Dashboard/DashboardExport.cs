namespace EdgeAspire.Hosting.Dashboard;

/// <summary>The OpenTelemetry SDK settings a service gets when it exports to the AppHost's dashboard: a live view
/// wants spans and logs within a fraction of a second and metrics every second (the SDK's defaults are 5 s, 1 s and
/// 60 s), and every decode token event (the SDK keeps 128 events per span). A value in the AppHost's own environment
/// is left alone: the child inherits it.</summary>
internal static class DashboardExport
{
    private static readonly (string Key, string Value)[] s_settings =
    [
        ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        ("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ("OTEL_BLRP_SCHEDULE_DELAY", "200"),
        ("OTEL_METRIC_EXPORT_INTERVAL", "1000"),
        ("OTEL_SPAN_EVENT_COUNT_LIMIT", "4096"),
    ];

    public static void AddSettings(Dictionary<string, string> environment)
    {
        foreach (var (key, value) in s_settings)
        {
            if (Environment.GetEnvironmentVariable(key) is null)
            {
                environment.TryAdd(key, value);
            }
        }
    }
}
