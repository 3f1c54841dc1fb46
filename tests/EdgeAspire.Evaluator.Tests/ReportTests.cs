using System.Globalization;
using System.Text.Json;
using EdgeAspire.Evaluator.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>Reports of real runs: every chart the run's data allows is there (in the HTML, as SVG files, linked from
/// the Markdown), the HTML needs nothing from outside, and the tables' numbers are the database's.</summary>
public sealed class ReportTests
{
    [Fact]
    public async Task Sweep_report_has_every_conversation_and_winogrande_chart_and_the_database_numbers()
    {
        var folder = TestData.NewFolder();
        var runs = Path.Combine(folder, "runs");
        var sweep = await EvalCli.SucceedAsync("sweep", "--model-file", Fixtures.SyntheticModel(), "--model-file", Fixtures.SyntheticModel(GgmlType.Q8_0),
            "--dataset", TestData.WriteOasstTrees(folder, 3, 6), "--conversations", "3", "--max-tokens", "12",
            "--winogrande", TestData.WriteWinogrande(folder, 16), "--out", runs);

        var report = await EvalCli.SucceedAsync("report", sweep.RunId, "--out", runs);

        string[] expected = ["prefill-throughput", "decode-throughput", "latency", "memory", "cpu", "throughput-vs-prompt", "prompt-per-turn", "winogrande-accuracy"];
        var markdown = AssertCharts(report.Summary, expected);
        var database = ResultsDb.PathOf(runs, sweep.RunId);
        var conversations = Table(markdown, "Conversations (per model)");
        Assert.Equal(2, conversations.Count);
        foreach (var row in conversations)
        {
            var model = Model(row);
            var where = $"model = '{model}' AND error IS NULL";
            Assert.Equal(ResultsDb.Scalar(database, $"SELECT COUNT(*) FROM chat WHERE {where}").ToString(CultureInfo.InvariantCulture), row["requests"]);
            Assert.Equal(Fixed(Column(database, "decode_tps", $"{where} AND decode_tps > 0").Average()), row["decode tok/s"]);
            Assert.Equal(Fixed(Column(database, "prefill_tps", $"{where} AND prefill_tps > 0").Average()), row["prefill tok/s"]);
            Assert.Equal(Fixed(Median(Column(database, "latency_ms", where))), row["latency p50 ms"]);
            Assert.Equal(Fixed(Column(database, "prompt_tokens", where).Average()), row["mean prompt tokens"]);
        }
        var winogrande = Table(markdown, "WinoGrande");
        Assert.Equal(2, winogrande.Count);
        foreach (var row in winogrande)
        {
            var model = Model(row);
            Assert.Equal(ResultsDb.Scalar(database, $"SELECT COUNT(*) FROM winogrande WHERE model = '{model}'").ToString(CultureInfo.InvariantCulture), row["n"]);
            Assert.Equal(ResultsDb.Scalar(database, $"SELECT SUM(correct) FROM winogrande WHERE model = '{model}'").ToString(CultureInfo.InvariantCulture), row["correct"]);
        }
        var csv = Path.Combine(runs, sweep.RunId, "chat.csv");
        Assert.Equal(ResultsDb.Scalar(database, "SELECT COUNT(*) FROM chat"), File.ReadLines(csv).Count() - 1);
    }

    [Fact]
    public async Task Load_report_has_both_load_curves_and_the_database_numbers()
    {
        var folder = TestData.NewFolder();
        var runs = Path.Combine(folder, "runs");
        var load = await EvalCli.SucceedAsync("load", "--model-file", Fixtures.SyntheticModel(), "--concurrency", "1,2", "--rates", "4",
            "--requests", "4", "--max-tokens", "8", "--out", runs);

        var report = await EvalCli.SucceedAsync("report", load.RunId, "--out", runs);

        var markdown = AssertCharts(report.Summary, ["load-throughput", "load-latency"]);
        var database = ResultsDb.PathOf(runs, load.RunId);
        var rows = Table(markdown, "Load");
        Assert.Equal(["closed-1", "closed-2", "open-4"], rows.Select(r => r["phase"]).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var where = $"phase = '{row["phase"]}'";
            Assert.Equal(ResultsDb.Scalar(database, $"SELECT COUNT(*) FROM load WHERE {where}").ToString(CultureInfo.InvariantCulture), row["requests"]);
            Assert.Equal(ResultsDb.Scalar(database, $"SELECT COUNT(*) FROM load WHERE {where} AND status = 200").ToString(CultureInfo.InvariantCulture), row["ok"]);
            var seconds = ResultsDb.Query(database, $"SELECT duration_ms FROM load_phase WHERE {where}").Single()[0] is double ms ? ms / 1000 : double.NaN;
            var tokens = ResultsDb.Scalar(database, $"SELECT SUM(completion_tokens) FROM load WHERE {where} AND status = 200");
            Assert.Equal(Fixed(tokens / seconds), row["tok/s"]);
            Assert.Equal(Fixed(Median(Column(database, "latency_ms", $"{where} AND status = 200", "load"))), row["p50 ms"]);
        }
    }

    /// <summary>Checks the charts in the summary, the HTML and the chart files; returns the Markdown.</summary>
    private static string AssertCharts(JsonElement summary, string[] expected)
    {
        Assert.Equal(expected, summary.GetProperty("charts").EnumerateArray().Select(c => c.GetString()!));
        var html = File.ReadAllText(summary.GetProperty("html").GetString()!);
        var markdownPath = summary.GetProperty("report").GetString()!;
        var markdown = File.ReadAllText(markdownPath);
        foreach (var id in expected)
        {
            Assert.Contains($"data-chart=\"{id}\"", html, StringComparison.Ordinal);
            Assert.Contains($"](charts/{id}.svg)", markdown, StringComparison.Ordinal);
            var svg = File.ReadAllText(Path.Combine(Path.GetDirectoryName(markdownPath)!, "charts", id + ".svg"));
            Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
            Assert.EndsWith("</svg>", svg, StringComparison.Ordinal);
        }
        // Self-contained: no scripts, no fetched resources.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        return markdown;
    }

    /// <summary>A Markdown table under <c>## title</c>, as rows keyed by header.</summary>
    private static List<Dictionary<string, string>> Table(string markdown, string title)
    {
        var lines = markdown.Split('\n').SkipWhile(l => l != $"## {title}").Skip(2).TakeWhile(l => l.StartsWith('|')).ToList();
        var header = Cells(lines[0]);
        return [.. lines.Skip(2).Select(l => header.Zip(Cells(l)).ToDictionary(p => p.First, p => p.Second))];
    }

    /// <summary>The model id of a row; the report labels models written by <c>synth</c>.</summary>
    private static string Model(Dictionary<string, string> row)
    {
        Assert.EndsWith(" (synthetic)", row["model"], StringComparison.Ordinal);
        return row["model"][..^" (synthetic)".Length];
    }

    private static string[] Cells(string line) => [.. line.Trim().Trim('|').Split(" | ").Select(c => c.Trim())];

    private static List<double> Column(string database, string column, string where, string table = "chat") =>
        [.. ResultsDb.Query(database, $"SELECT {column} FROM {table} WHERE {where}").Select(r => Convert.ToDouble(r[0], CultureInfo.InvariantCulture))];

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Fixed(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
