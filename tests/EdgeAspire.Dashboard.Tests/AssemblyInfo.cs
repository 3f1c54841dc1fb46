// The OpenTelemetry SDK listens to meters by name across the process and merges same-named instruments of every
// provider into one stream (see PromptApi.Tests' OtlpExportTests): tests that export run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
