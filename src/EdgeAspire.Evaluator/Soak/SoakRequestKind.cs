namespace EdgeAspire.Evaluator.Soak;

/// <summary>The kinds of request in the mix, each a way real clients use a server.</summary>
public enum SoakRequestKind
{
    StreamedChat,
    Chat,
    ScoredCompletion,
    Conversation,
    CancelledStream,
    Invalid,
}
