using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Datasets;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Evaluator.Tests;

public class OasstThreadTests
{
    [Fact]
    public void Fixture_threads_follow_the_best_ranked_usable_reply()
    {
        var path = Fixtures.Root is { } root ? Path.Combine(root, "data", "oasst-en_100_tree.jsonl") : null;
        Assert.SkipWhen(path is null || !File.Exists(path), "../shared/fixtures is not available");

        var threads = OasstDataset.LoadThreads(path!);

        // An independent walk over the raw JSON: from the root, the usable reply with the lowest rank, as long as any.
        var expected = File.ReadLines(path!).Select(line => Walk(JsonNode.Parse(line)!["prompt"]!)).Count(length => length >= 5);
        Assert.Equal(expected, threads.Count);
        // SOURCES.md: 100 trees, 5 with a synthetic root; 32 reach depth 5 somewhere, 8 along their best-ranked replies.
        Assert.Equal(100, File.ReadLines(path!).Count());
        Assert.Equal(95, OasstDataset.LoadThreads(path!, minMessages: 1).Count);
        Assert.Equal(8, threads.Count);
        Assert.All(threads, t =>
        {
            Assert.True(t.Messages.Count >= 5);
            Assert.All(t.Messages.Select((m, i) => (m, i)), p => Assert.Equal(p.i % 2 == 0 ? "prompter" : "assistant", p.m.Role));
            Assert.All(t.Messages, m => Assert.False(m.Synthetic || m.Deleted));
        });
    }

    [Fact]
    public void Selection_is_deterministic_for_a_seed_and_differs_across_seeds()
    {
        var items = Enumerable.Range(0, 100).ToList();

        var a = DeterministicSample.Take(items, 10, seed: 7);
        var b = DeterministicSample.Take(items, 10, seed: 7);
        var c = DeterministicSample.Take(items, 10, seed: 8);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(10, a.Distinct().Count());
    }

    [Fact]
    public void Malformed_line_is_a_clear_dataset_error()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bad.jsonl");
        File.WriteAllText(path, "{\"prompt\": {\"message_id\": \"a\", \"role\": \"prompter\", \"text\": \"hi\"}}\n{not json\n");

        var error = Assert.Throws<DatasetException>(() => OasstDataset.LoadThreads(path));
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    private static int Walk(JsonNode message)
    {
        var length = 0;
        for (JsonNode? current = Usable(message) ? message : null; current is not null; length++)
        {
            current = (current["replies"]?.AsArray() ?? [])
                .Where(r => r is not null && Usable(r))
                .OrderBy(r => r!["rank"] is { } rank ? (int)rank : int.MaxValue)
                .FirstOrDefault();
        }
        return length;
    }

    private static bool Usable(JsonNode m) =>
        (string?)m["lang"] == "en" && m["deleted"]?.GetValue<bool>() != true && m["synthetic"]?.GetValue<bool>() != true;
}
