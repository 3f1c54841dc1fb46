using System.Text.Json;

namespace EdgeAspire.Evaluator.Datasets;

/// <summary>OpenAssistant trees → conversation threads: English, non-deleted, non-synthetic messages only; from the
/// root, always the best-ranked usable reply (lowest <c>rank</c>; unranked replies after ranked ones, then file order).</summary>
public static class OasstDataset
{
    public const int DefaultMinMessages = 5;

    public static IReadOnlyList<ConversationThread> LoadThreads(string path, int minMessages = DefaultMinMessages)
    {
        var threads = new List<ConversationThread>();
        var trees = 0;
        foreach (var (line, json) in JsonLines.Read(path))
        {
            var where = $"{Path.GetFileName(path)} line {line}";
            trees++;
            var root = json.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.Object
                ? Message(prompt, where)
                : json.TryGetProperty("role", out _) ? Message(json, where) : throw new DatasetException($"{where}: no 'prompt' message (not an OpenAssistant tree)");
            var treeId = json.TryGetProperty("message_tree_id", out var t) ? t.GetString() ?? root.Id : root.Id;
            var thread = BestThread(root);
            if (thread.Count >= minMessages)
            {
                threads.Add(new ConversationThread(treeId, thread));
            }
        }
        return trees == 0 ? throw new DatasetException($"{Path.GetFileName(path)} has no conversation trees") : threads;
    }

    public static IReadOnlyList<OasstMessage> BestThread(OasstMessage root)
    {
        var thread = new List<OasstMessage>();
        for (var message = root.IsUsable ? root : null; message is not null; message = Best(message.Replies))
        {
            thread.Add(message);
        }
        return thread;
    }

    private static OasstMessage? Best(IReadOnlyList<OasstMessage> replies) =>
        replies.Where(r => r.IsUsable).OrderBy(r => r.Rank ?? int.MaxValue).FirstOrDefault();

    private static OasstMessage Message(JsonElement json, string where)
    {
        var replies = json.TryGetProperty("replies", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(reply => Message(reply, where)).ToList()
            : [];
        return new OasstMessage(
            JsonLines.RequiredString(json, "message_id", where),
            JsonLines.RequiredString(json, "role", where),
            JsonLines.RequiredString(json, "text", where),
            json.TryGetProperty("lang", out var lang) ? lang.GetString() ?? "" : "",
            json.TryGetProperty("deleted", out var d) && d.ValueKind == JsonValueKind.True,
            json.TryGetProperty("synthetic", out var s) && s.ValueKind == JsonValueKind.True,
            json.TryGetProperty("rank", out var rank) && rank.ValueKind == JsonValueKind.Number ? rank.GetInt32() : null,
            replies);
    }
}
