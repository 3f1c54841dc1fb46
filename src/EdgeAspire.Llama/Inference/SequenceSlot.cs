namespace EdgeAspire.Llama.Inference;

/// <summary>A sequence id of the context and the tokens its KV cache holds, kept between requests so the next
/// one evaluates only what follows the longest common prefix.</summary>
internal sealed class SequenceSlot(int id)
{
    public int Id { get; } = id;

    /// <summary>Exactly the tokens in the KV cache for this sequence, position by position.</summary>
    public List<int> Cached { get; } = [];

    public SequenceJob? Job { get; set; }

    /// <summary>Next prompt index to evaluate.</summary>
    public int PromptCursor { get; set; }

    public long LastUsed { get; set; }

    public bool IsPrefilling => Job is { } job && PromptCursor < job.Tokens.Length;

    public int CommonPrefix(int[] tokens)
    {
        var n = Math.Min(Cached.Count, tokens.Length);
        var i = 0;
        while (i < n && Cached[i] == tokens[i])
        {
            i++;
        }
        return i;
    }
}
