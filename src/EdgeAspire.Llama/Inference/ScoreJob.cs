namespace EdgeAspire.Llama.Inference;

internal sealed class ScoreJob(ScoreRequest request, int[] tokens, LlamaVocab vocab, CancellationToken cancellation)
    : SequenceJob(tokens, cancellation)
{
    private readonly TokenLogProb[] _scores = new TokenLogProb[tokens.Length - request.FirstScored];
    private readonly TaskCompletionSource<ScoreResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<ScoreResult> Result => _result.Task;

    // The logits at position p predict token p + 1.
    public override int MaxReusablePrefix => request.FirstScored - 1;

    public override bool NeedsLogits(int position) => position >= request.FirstScored - 1 && position < Tokens.Length - 1;

    public override void OnLogits(LlamaContext context, int position, int batchIndex)
    {
        var scored = position + 1;
        _scores[scored - request.FirstScored] = LogProbs.Of(vocab, context.Logits(batchIndex), Tokens[scored], request.TopLogProbs);
        if (scored == Tokens.Length - 1)
        {
            Finish(FinishReason.Stop);
        }
    }

    public override void OnContextFull() =>
        Fail(new ContextLengthExceededException($"The {Tokens.Length} tokens to score do not fit the context."));

    protected override void OnFinish(FinishReason reason)
    {
        EngineTelemetry.EndStage(Stage, Tokens.Length - CachedTokens, StartedAt == 0 ? 0 : MillisecondsBetween(StartedAt, System.Diagnostics.Stopwatch.GetTimestamp()), reason);
        if (reason == FinishReason.Cancelled)
        {
            _result.TrySetCanceled(Cancellation);
        }
        else
        {
            _result.TrySetResult(new ScoreResult(_scores, CachedTokens));
        }
    }

    protected override void OnFail(Exception error) => _result.TrySetException(error);
}
