using System.Diagnostics;
using EdgeAspire.Llama.Inference;
using EdgeAspire.PromptApi.Models;

namespace EdgeAspire.PromptApi;

/// <summary>One GenAI request as telemetry sees it: its <c>{operation} {model}</c> span, the token metrics of each
/// generation it runs, and one <c>gen_ai.server.request.duration</c> measurement when it ends, with
/// <c>error.type</c> when it failed. A request for a model nobody serves is traced but not measured: its model name
/// is the client's free text, which would make an unbounded number of metric series.</summary>
internal sealed class GenAiOperation : IDisposable
{
    private readonly PromptApiMetrics _metrics;
    private readonly long _started = Stopwatch.GetTimestamp();
    private string? _errorType;
    private bool _unknownModel;

    public GenAiOperation(PromptApiMetrics metrics, string operation, string model)
    {
        _metrics = metrics;
        Operation = operation;
        Model = model;
        Span = GenAiTelemetry.StartOperation(operation, model);
    }

    public string Operation { get; }

    public string Model { get; }

    public Activity? Span { get; }

    /// <summary>A generation's tokens, time to first token and time per output token.</summary>
    public void Generated(GenerationTimings timings) => _metrics.RecordGeneration(Operation, Model, timings);

    /// <summary>What the client was answered, on the span.</summary>
    public void Responded(string id, FinishReason reason, GenerationTimings timings) => GenAiTelemetry.Response(Span, id, reason, timings);

    public void Failed(Exception error)
    {
        GenAiTelemetry.Failed(Span, error);
        _errorType = error.GetType().Name;
        _unknownModel = error is ModelNotFoundException;
    }

    public void Dispose()
    {
        if (!_unknownModel)
        {
            _metrics.RecordRequestDuration(Operation, Model, Stopwatch.GetElapsedTime(_started), _errorType);
        }
        Span?.Dispose();
    }
}
