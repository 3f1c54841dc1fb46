namespace EdgeAspire.Llama.Inference;

/// <summary>A token's log-probability under the model (a log-softmax of the raw logits, before any sampling
/// transform), with its text, its bytes (a piece can be part of a UTF-8 character) and the alternatives.</summary>
public sealed record TokenLogProb(int Token, string Text, byte[] Bytes, double LogProb, bool IsGreedy, IReadOnlyList<TopLogProb> Top);

public sealed record TopLogProb(int Token, string Text, byte[] Bytes, double LogProb);
