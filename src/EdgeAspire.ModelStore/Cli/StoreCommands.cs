using System.CommandLine;
using EdgeAspire.ModelStore.Cache;
using EdgeAspire.ModelStore.Downloads;
using EdgeAspire.ModelStore.Imports;
using Spectre.Console;

namespace EdgeAspire.ModelStore.Cli;

/// <summary>The command table; each action returns the process exit code.</summary>
internal static class StoreCommands
{
    public static RootCommand Create(CliContext context)
    {
        var pullId = new Argument<string>("id") { Description = "Catalog id of the model" };
        var pull = new Command("pull", "Download a model into the cache (resumes a partial download)") { pullId };
        pull.SetAction((parse, ct) => PullAsync(context, parse.GetRequiredValue(pullId), ct));

        var list = new Command("list", "The catalog with what is in the cache");
        list.SetAction(_ => List(context));

        var file = new Argument<FileInfo>("file") { Description = "A GGUF file on this machine" };
        var id = new Option<string>("--id") { Description = "Model id (default: the file name without .gguf)" };
        var import = new Command("import", "Copy a local GGUF into the cache after validating it") { file, id };
        import.SetAction((parse, ct) => ImportAsync(context, parse.GetRequiredValue(file), parse.GetValue(id), ct));

        var verify = new Command("verify", "Re-hash every cached model; exit 1 when any is corrupt");
        verify.SetAction((_, ct) => VerifyAsync(context, ct));

        return new RootCommand("EdgeAspire model store") { pull, list, import, verify };
    }

    private static async Task<int> PullAsync(CliContext context, string id, CancellationToken cancellationToken)
    {
        var operation = context.Get<DownloadCoordinator>().StartOrJoin(id);
        await context.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(),
                new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(id), maxValue: 1);
                await foreach (var update in operation.WatchAsync(cancellationToken))
                {
                    task.MaxValue = update.Total ?? Math.Max(update.Bytes, 1);
                    task.Value = update.Bytes;
                }
            });
        var state = await operation.Completion.WaitAsync(cancellationToken);
        var rate = operation.Current.BytesPerSecond is > 0 and var r ? $", {r / 1e6:N1} MB/s" : "";
        context.Console.WriteLine($"{state.Id}: {state.Size:N0} bytes, sha256 {state.Sha256}{rate}");
        return 0;
    }

    private static int List(CliContext context)
    {
        var cache = context.Get<ModelCache>();
        var present = cache.List().ToDictionary(s => s.Id, StringComparer.Ordinal);
        var table = new Table().AddColumns("id", "state", "size", "quant", "params", "pinned", "last used", "repo");
        foreach (var entry in context.Get<Catalog.ModelCatalog>().Entries)
        {
            var state = present.GetValueOrDefault(entry.Id);
            var partial = state is null ? cache.PartialBytes(entry.Id) : null;
            table.AddRow(Cells(entry.Id, state is not null ? "present" : partial is not null ? $"partial {partial:N0}" : "absent",
                (state?.Size ?? entry.Size)?.ToString("N0", null), entry.Quantization, entry.Parameters, state?.Pinned, state?.LastUsed, entry.Repo));
            present.Remove(entry.Id);
        }
        foreach (var state in present.Values)
        {
            table.AddRow(Cells(state.Id, "present", state.Size.ToString("N0", null), null, null, state.Pinned, state.LastUsed, state.Source));
        }
        context.Console.Write(table);
        return 0;
    }

    private static async Task<int> ImportAsync(CliContext context, FileInfo file, string? id, CancellationToken cancellationToken)
    {
        var state = await context.Get<ModelImporter>().ImportFileAsync(file.FullName, id, cancellationToken);
        context.Console.WriteLine($"{state.Id}: imported {state.Size:N0} bytes, sha256 {state.Sha256}");
        return 0;
    }

    private static async Task<int> VerifyAsync(CliContext context, CancellationToken cancellationToken)
    {
        var (checkedCount, corrupt) = (0, 0);
        await foreach (var result in context.Get<CacheVerifier>().VerifyAllAsync(cancellationToken))
        {
            checkedCount++;
            corrupt += result.IsIntact ? 0 : 1;
            context.Console.WriteLine(result.IsIntact
                ? $"ok       {result.State.Id}"
                : $"CORRUPT  {result.State.Id}: sha256 {result.ActualSha256}, expected {result.State.Sha256}");
        }
        context.Console.WriteLine($"{checkedCount} verified, {corrupt} corrupt");
        return corrupt == 0 ? 0 : StoreCli.Failed;
    }

    private static string[] Cells(params object?[] values) => [.. values.Select(v => Markup.Escape(v?.ToString() ?? "-"))];
}
