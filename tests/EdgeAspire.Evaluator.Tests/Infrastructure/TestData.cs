using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Evaluator.Tests.Infrastructure;

/// <summary>Datasets for the evaluator's tests: the shared fixtures when present, else small files written here in
/// the same formats, so every test also runs without ../shared.</summary>
internal static class TestData
{
    public static string? SharedData(string name) =>
        Fixtures.Root is { } root && File.Exists(Path.Combine(root, "data", name)) ? Path.Combine(root, "data", name) : null;

    public static string NewFolder() => Directory.CreateTempSubdirectory("edgeaspire-eval-").FullName;

    /// <summary>WinoGrande 1.1 JSON Lines with <paramref name="count"/> distinct items.</summary>
    public static string WriteWinogrande(string folder, int count, string name = "winogrande.jsonl")
    {
        string[] people = ["Sarah", "Maria", "Tom", "Alex", "Kim", "Lee"];
        var path = Path.Combine(folder, name);
        File.WriteAllLines(path, Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize(new
        {
            qID = $"item-{i}",
            sentence = i % 2 == 0
                ? $"{people[i % 6]} was a better cook than {people[(i + 1) % 6]} so _ made the dinner on day {i}."
                : $"The cup did not fit in the bag number {i} because _ was too big.",
            option1 = i % 2 == 0 ? people[i % 6] : "cup",
            option2 = i % 2 == 0 ? people[(i + 1) % 6] : "bag",
            answer = i % 3 == 0 ? "2" : "1",
        })));
        return path;
    }

    /// <summary>OpenAssistant trees: <paramref name="trees"/> linear threads of <paramref name="messages"/> turns each.</summary>
    public static string WriteOasstTrees(string folder, int trees, int messages)
    {
        var path = Path.Combine(folder, "trees.jsonl");
        File.WriteAllLines(path, Enumerable.Range(0, trees).Select(t => new JsonObject
        {
            ["message_tree_id"] = $"tree-{t}",
            ["tree_state"] = "ready_for_export",
            ["prompt"] = Message(t, 0, messages),
        }.ToJsonString()));
        return path;
    }

    private static JsonObject Message(int tree, int depth, int messages)
    {
        var role = depth % 2 == 0 ? "prompter" : "assistant";
        var message = new JsonObject
        {
            ["message_id"] = $"m-{tree}-{depth}",
            ["text"] = $"{role} turn {depth} of conversation {tree}: tell me about small computers.",
            ["role"] = role,
            ["lang"] = "en",
            ["deleted"] = false,
            ["synthetic"] = false,
            ["review_result"] = true,
        };
        if (role == "assistant")
        {
            message["rank"] = 0;
        }
        if (depth + 1 < messages)
        {
            message["replies"] = new JsonArray(Message(tree, depth + 1, messages));
        }
        return message;
    }
}
