namespace EdgeAspire.Evaluator.Workloads;

public enum HistoryMode
{
    /// <summary>Earlier assistant turns from the dataset: every model sees the same prompts.</summary>
    Dataset,

    /// <summary>Earlier assistant turns are the model's own replies.</summary>
    Model,
}
