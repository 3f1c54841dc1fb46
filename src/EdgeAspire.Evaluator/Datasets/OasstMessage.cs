namespace EdgeAspire.Evaluator.Datasets;

/// <summary>A message of an OpenAssistant tree (the export's "trees" format).</summary>
public sealed record OasstMessage(string Id, string Role, string Text, string Lang, bool Deleted, bool Synthetic, int? Rank, IReadOnlyList<OasstMessage> Replies)
{
    public bool IsUsable => Lang == "en" && !Deleted && !Synthetic;
}
