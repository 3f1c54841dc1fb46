using System.Diagnostics;
using System.Globalization;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks;

/// <summary>Ratios from one run, robust to a noisy shared machine: the two sides of each comparison alternate
/// operation by operation (order swapped every round), so drifting background load hits both alike; each side's
/// median is reported, and the ratio of medians. <c>dotnet run -c Release -- paired [rounds] [batching|engine|http|telemetry]</c>
/// (one group of comparisons; all without it).</summary>
internal static class PairedComparison
{
    /// <param name="only">One group of comparisons (<c>batching</c>, <c>engine</c>, <c>http</c>, <c>telemetry</c>), or
    /// null for all of them.</param>
    public static async Task RunAsync(int rounds, string? only)
    {
        bool Runs(string group) => only is null || only == group;
        if (Runs("batching"))
        {
            await CompareBatchingAsync(rounds);
        }
        if (Runs("engine"))
        {
            foreach (var type in new[] { GgmlType.Q8_0, GgmlType.Q4_0 })
            {
                var bench = new EngineThroughputBenchmarks { Type = type };
                bench.Setup();
                await CompareAsync($"pp128 {type}", 128, rounds, bench.NewPrompt, () => { bench.Prefill_bare(); return Task.CompletedTask; }, bench.Prefill_engine);
                await CompareAsync($"tg64 {type}", 64, rounds, bench.NewPrompt, () => { bench.Decode_bare(); return Task.CompletedTask; }, bench.Decode_engine);
                bench.Cleanup();
            }
        }
        if (Runs("http"))
        {
            var http = new HttpStreamingBenchmarks();
            http.Setup();
            await CompareAsync("tg64 Q8_0 in-process vs HTTP stream", 64, rounds, http.NewToken, http.Decode_in_process, http.Decode_http_stream);
            http.Cleanup();
        }
        if (Runs("telemetry"))
        {
            var off = new TelemetryOverheadBenchmarks { Mode = TelemetryOverheadBenchmarks.Tracing.Off, Shape = "qwen2.5-0.5b" };
            var every = new TelemetryOverheadBenchmarks { Mode = TelemetryOverheadBenchmarks.Tracing.EveryToken, Shape = "qwen2.5-0.5b" };
            off.Setup();
            every.Setup(); // its listener is process-wide, but the "off" side starts no caller span, so its engine records nothing
            await CompareAsync("tg64 Q4_0 token events off vs every token", 64, rounds, () => { off.NewToken(); every.NewToken(); }, off.Decode, every.Decode);
            every.Cleanup();
            off.Cleanup();
        }
    }

    private static async Task CompareBatchingAsync(int rounds)
    {
        var batching = new BatchingBenchmarks();
        batching.Setup();
        await CompareAsync("tg64 Q8_0 one stream: 1-sequence context vs 4-sequence context", BatchingBenchmarks.GeneratedTokens, rounds, batching.NewTokens,
            batching.Decode_one_sequence_context, batching.Decode_four_sequence_context);
        await CompareAsync("4 x tg64 Q8_0: one at a time vs batched", BatchingBenchmarks.Streams * BatchingBenchmarks.GeneratedTokens, rounds, batching.NewTokens,
            batching.Four_streams_one_at_a_time, batching.Four_streams_batched);
        batching.Cleanup();
    }

    private static async Task CompareAsync(string name, int tokens, int rounds, Action setup, Func<Task> baseline, Func<Task> candidate)
    {
        var a = new List<double>();
        var b = new List<double>();
        setup();
        await baseline(); // warm both
        await candidate();
        for (var round = 0; round < rounds; round++)
        {
            setup();
            var first = round % 2 == 0;
            (first ? a : b).Add(await TimeAsync(first ? baseline : candidate));
            (first ? b : a).Add(await TimeAsync(first ? candidate : baseline));
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var (ma, mb) = (tokens / Median(a), tokens / Median(b));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: baseline {ma:F1} tok/s, candidate {mb:F1} tok/s, candidate/baseline {mb / ma:F3} (medians of {rounds})"));
    }

    private static async Task<double> TimeAsync(Func<Task> operation)
    {
        var start = Stopwatch.GetTimestamp();
        await operation();
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
