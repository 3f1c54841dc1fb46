namespace EdgeAspire.Evaluator.Datasets;

/// <summary>One path through a tree, root first; roles alternate prompter/assistant.</summary>
public sealed record ConversationThread(string TreeId, IReadOnlyList<OasstMessage> Messages)
{
    /// <summary>Indices of the prompter messages: each is one request, sent with the thread before it.</summary>
    public IEnumerable<int> PrompterTurns => Enumerable.Range(0, Messages.Count).Where(i => Messages[i].Role == "prompter");
}
