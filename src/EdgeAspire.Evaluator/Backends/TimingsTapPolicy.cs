using System.ClientModel.Primitives;

namespace EdgeAspire.Evaluator.Backends;

/// <summary>A pipeline policy that tees streamed responses through <see cref="SseTapStream"/> for the capture the
/// calling flow opened with <see cref="Begin"/> (an async-local, so concurrent requests keep their own), and notes the
/// serving worker a gateway names in its response headers.</summary>
public sealed class TimingsTapPolicy : PipelinePolicy
{
    private static readonly AsyncLocal<TimingsCapture?> s_current = new();

    public static TimingsCapture Begin() => s_current.Value = new TimingsCapture();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Tap(message);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Tap(message);
    }

    private static void Tap(PipelineMessage message)
    {
        if (s_current.Value is { } worker && message.Response is { } answered && answered.Headers.TryGetValue(Measurement.ServingProbes.WorkerHeader, out var address))
        {
            worker.Worker = address;
        }
        if (s_current.Value is { } capture && message.Response is { ContentStream: { } stream } response && !message.BufferResponse)
        {
            response.ContentStream = new SseTapStream(stream, capture);
        }
    }
}
