using System.CommandLine;
using Spectre.Console;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using EdgeAspire.Evaluator.Projection;
using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>Writes a synthetic llama-architecture GGUF (deterministic random weights): speed and memory of a
/// model's shape without downloading it. Accuracy on such a file means nothing; reports mark it synthetic.</summary>
internal static class SynthCommand
{
    public static Command Create(CliContext cli)
    {
        var preset = new Option<string?>("--preset") { Description = $"One of: {string.Join(", ", GgufPresets.All.Select(p => p.Name))}" };
        var shape = new Option<string?>("--shape") { Description = "vocab,embd,blocks,heads,kv_heads,ff,ctx (instead of --preset)" };
        var type = new Option<string>("--type") { Description = "F32, F16, Q8_0 or Q4_0", DefaultValueFactory = _ => "Q4_0" };
        var seed = new Option<int>("--seed") { Description = "Weight seed", DefaultValueFactory = _ => 42 };
        var output = new Option<string?>("--output") { Description = "File to write (default: <out>/models/<name>-<type>.gguf)" };
        var outDir = new Option<string>("--out") { Description = "Folder of runs (the default file goes under its models/)", DefaultValueFactory = _ => "runs" };
        var command = new Command("synth", "Write a synthetic GGUF model by preset or shape and quantisation");
        foreach (var option in new Option[] { preset, shape, type, seed, output, outDir })
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, cancellationToken) => new CommandRun(cli, "synth").ExecuteAsync(async (_, ct) =>
        {
            var chosen = Shape(parse.GetValue(preset), parse.GetValue(shape));
            var ggml = Enum.TryParse<GgmlType>(parse.GetValue(type), ignoreCase: true, out var t) && GgufWriter.SupportedTypes.Contains(t)
                ? t : throw new UsageException($"--type must be one of {string.Join(", ", GgufWriter.SupportedTypes)}");
            chosen.Validate(ggml);
            var path = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(parse.GetValue(outDir)!, "models", $"{chosen.Name}-{ggml}.gguf"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var layout = await Task.Run(() => GgufWriter.Write(path, chosen, ggml, parse.GetValue(seed)), ct).ConfigureAwait(false);
            byte[] digest;
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                digest = await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false);
            }
            var bytes = new FileInfo(path).Length;
            cli.Out.MarkupLine($"wrote [bold]{Markup.Escape(path)}[/] ({bytes / 1048576.0:0.0} MiB, {ggml})");
            var footprint = ModelFootprint.Of(GgufReader.Read(path));
            var prefill = Pi5Projection.PrefillTokensPerSecond(footprint);
            var decode = Pi5Projection.DecodeTokensPerSecond(footprint);
            var prefillText = prefill?.ToString("0.0", CultureInfo.InvariantCulture) ?? $"– (no calibration for {ggml})";
            cli.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"projected on a Raspberry Pi 5 (4 threads): prefill {prefillText} tok/s, decode {decode:0.0} tok/s ({Pi5Projection.Caveat})")));
            return new JsonObject
            {
                ["model"] = chosen.Name, ["type"] = ggml.ToString(), ["file"] = path, ["bytes"] = bytes,
                ["tensors"] = layout.Tensors.Count, ["sha256"] = Convert.ToHexStringLower(digest), ["synthetic"] = true,
                ["pi5_projection"] = new JsonObject
                {
                    ["projection"] = true, ["basis"] = Pi5Projection.Caveat,
                    ["prefill_tokens_per_second"] = prefill, ["decode_tokens_per_second"] = decode,
                    ["weight_bytes_per_token"] = footprint.WeightBytesPerToken, ["matmul_parameters"] = footprint.MatmulParameters,
                },
            };
        }, cancellationToken));
        return command;
    }

    private static GgufModelShape Shape(string? preset, string? shape)
    {
        if (preset is not null == (shape is not null))
        {
            throw new UsageException("give exactly one of --preset NAME or --shape vocab,embd,blocks,heads,kv_heads,ff,ctx");
        }
        if (preset is not null)
        {
            return GgufPresets.Get(preset);
        }
        var parts = shape!.Split(',', StringSplitOptions.TrimEntries);
        var numbers = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (numbers.Length != 7 || numbers.Any(n => n <= 0))
        {
            throw new UsageException($"--shape needs 7 positive integers (vocab,embd,blocks,heads,kv_heads,ff,ctx), got '{shape}'");
        }
        return new GgufModelShape($"custom-{numbers[1]}x{numbers[2]}", numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6]);
    }
}
