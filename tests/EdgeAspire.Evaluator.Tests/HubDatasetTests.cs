using System.IO.Compression;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Tests;
using EdgeAspire.ServiceDefaults.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeAspire.Evaluator.Tests;

/// <summary><c>--dataset hub</c> against a loopback server laid out like the Hugging Face Hub: the files are fetched
/// from the Hub's paths, once, then read from the cache; a missing file is a clear error that leaves nothing behind.</summary>
public sealed class HubDatasetTests
{
    private const string WinograndePath = "/datasets/allenai/winogrande/resolve/main/winogrande_1.1.zip";
    private const string OasstPath = "/datasets/OpenAssistant/oasst1/resolve/main/2023-04-12_oasst_ready.trees.jsonl.gz";

    [Fact]
    public async Task Winogrande_and_oasst_come_from_the_hub_once_and_match_the_local_files()
    {
        var folder = TestData.NewFolder();
        var winogrande = TestData.WriteWinogrande(folder, 10);
        var trees = TestData.WriteOasstTrees(folder, 4, 6);
        var hits = new Dictionary<string, int>();
        await using var hub = await LoopbackServer.StartAsync(app => app.MapGet("/{**path}", (HttpContext context) =>
        {
            var path = context.Request.Path.Value!;
            lock (hits)
            {
                hits[path] = hits.GetValueOrDefault(path) + 1;
            }
            return path switch
            {
                WinograndePath => (IResult)TypedResults.Bytes(Zip(("winogrande_1.1/train_xs.jsonl", "{}"), ("winogrande_1.1/dev.jsonl", File.ReadAllText(winogrande))), "application/zip"),
                OasstPath => TypedResults.Bytes(Gzip(File.ReadAllBytes(trees)), "application/gzip"),
                _ => TypedResults.NotFound(),
            };
        }));
        string[] common = ["--model-file", Fixtures.SyntheticModel(), "--dataset", "hub", "--hub-endpoint", hub.BaseAddress.ToString(),
            "--cache", Path.Combine(folder, "cache"), "--out", Path.Combine(folder, "runs")];

        var fromHub = await EvalCli.SucceedAsync(["winogrande", .. common]);
        var again = await EvalCli.SucceedAsync(["winogrande", .. common]);
        var fromFile = await EvalCli.SucceedAsync("winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", winogrande, "--out", Path.Combine(folder, "runs"));
        var chats = await EvalCli.SucceedAsync(["conversations", .. common, "--conversations", "2", "--max-tokens", "4"]);

        Assert.Equal(1, hits[WinograndePath]);
        Assert.Equal(1, hits[OasstPath]);
        Assert.Equal(10, fromHub.Summary.GetProperty("n").GetInt32());
        Assert.Equal(fromFile.Summary.GetProperty("correct").GetInt32(), fromHub.Summary.GetProperty("correct").GetInt32());
        Assert.Equal(fromHub.Summary.GetProperty("correct").GetInt32(), again.Summary.GetProperty("correct").GetInt32());
        Assert.Equal(2 * 3, chats.Summary.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task A_file_missing_on_the_hub_is_one_line_and_leaves_no_partial_file()
    {
        var folder = TestData.NewFolder();
        await using var hub = await LoopbackServer.StartAsync(app => app.MapGet("/{**path}", () => TypedResults.NotFound()));
        var cache = Path.Combine(folder, "cache");

        var error = await EvalCli.FailAsync("winogrande", "--model-file", Fixtures.SyntheticModel(), "--dataset", "hub", "--hub-endpoint", hub.BaseAddress.ToString(),
            "--cache", cache, "--out", Path.Combine(folder, "runs"));

        Assert.Contains("HTTP 404", error, StringComparison.Ordinal);
        Assert.Contains(WinograndePath, error, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache, "*", SearchOption.AllDirectories) : []);
        Assert.False(Directory.Exists(Path.Combine(folder, "runs")));
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }
        return buffer.ToArray();
    }
}
