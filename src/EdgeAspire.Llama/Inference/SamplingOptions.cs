namespace EdgeAspire.Llama.Inference;

/// <summary>How the next token is chosen. <see cref="Temperature"/> 0 is greedy (deterministic); otherwise the
/// chain is penalties → top-k → top-p → min-p → temperature → seeded random draw, as llama.cpp orders it.</summary>
public sealed record SamplingOptions
{
    public static SamplingOptions Greedy { get; } = new();

    public float Temperature { get; init; }

    /// <summary>0 disables top-k.</summary>
    public int TopK { get; init; }

    /// <summary>1 disables nucleus sampling.</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>0 disables min-p.</summary>
    public float MinP { get; init; }

    /// <summary>1 disables the repetition penalty.</summary>
    public float RepeatPenalty { get; init; } = 1f;

    /// <summary>How many recent tokens the penalties look at, at most <see cref="MaxRepeatLastN"/>.</summary>
    public int RepeatLastN { get; init; } = 64;

    /// <summary>The longest training context of the presets (Llama 3.2's 128k). llama.cpp allocates the penalty
    /// window up front, so an unbounded value would let one request allocate gigabytes (or abort the process).</summary>
    public const int MaxRepeatLastN = 131072;

    public float FrequencyPenalty { get; init; }

    public float PresencePenalty { get; init; }

    /// <summary>Seed of the random draw; null picks one per request.</summary>
    public uint? Seed { get; init; }

    public bool IsGreedy => Temperature <= 0f;

    internal bool HasPenalties => RepeatPenalty != 1f || FrequencyPenalty != 0f || PresencePenalty != 0f;

    /// <summary>Checks every value before it reaches llama.cpp, naming the first bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        Check(float.IsFinite(Temperature) && Temperature is >= 0f and <= 100f, nameof(Temperature), Temperature, "between 0 and 100");
        Check(TopK >= 0, nameof(TopK), TopK, "0 or more");
        Check(TopP is > 0f and <= 1f, nameof(TopP), TopP, "greater than 0 and at most 1");
        Check(MinP is >= 0f and <= 1f, nameof(MinP), MinP, "between 0 and 1");
        Check(float.IsFinite(RepeatPenalty) && RepeatPenalty is > 0f and <= 10f, nameof(RepeatPenalty), RepeatPenalty, "greater than 0 and at most 10");
        Check(RepeatLastN is >= 0 and <= MaxRepeatLastN, nameof(RepeatLastN), RepeatLastN, $"between 0 and {MaxRepeatLastN}");
        Check(FrequencyPenalty is >= -2f and <= 2f, nameof(FrequencyPenalty), FrequencyPenalty, "between -2 and 2");
        Check(PresencePenalty is >= -2f and <= 2f, nameof(PresencePenalty), PresencePenalty, "between -2 and 2");
    }

    private static void Check(bool valid, string name, object value, string range)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {range}; got {value}.");
        }
    }
}
