using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.Hosting;

/// <summary>The Evaluator's workloads as dashboard commands: one at a time, and only once the gateway is ready.</summary>
internal sealed class EvaluationRuns(IDistributedApplicationBuilder builder, ProjectResource evaluator, ProjectResource gateway)
{
    public sealed record Workload(string Command, string DisplayName, string Description, string[] Arguments);

    public static readonly Workload WinoGrande = new("winogrande-100", "WinoGrande (100 items)",
        "Accuracy on the first 100 WinoGrande dev items (partial scoring, as lm-evaluation-harness)", ["winogrande", "--limit", "100"]);

    public static readonly Workload Conversations = new("conversations-5", "Conversations (5)",
        "The paper's benchmark on five oasst1 threads of 5+ turns: prefill/decode throughput, TTFT, CPU and memory", ["conversations", "--conversations", "5"]);

    public static readonly Workload Load = new("load-1-2-4", "Load (1, 2, 4 clients)",
        "Aggregate tokens/s and TTFT with 1, 2 and 4 concurrent clients", ["load", "--concurrency", "1,2,4", "--requests", "8"]);

    public static IReadOnlyList<Workload> Workloads { get; } = [WinoGrande, Conversations, Load];

    private readonly string _configuration = ProjectCommand.BuildConfiguration(builder);
    private readonly string _output = Path.GetFullPath(builder.Configuration["EdgeAspire:EvaluationOutput"] is { Length: > 0 } o ? o : "runs");
    private readonly string? _winogrande = builder.Configuration["EdgeAspire:Datasets:Winogrande"];
    private readonly string? _oasst = builder.Configuration["EdgeAspire:Datasets:Oasst"];
    private int _running;
    private volatile bool _gatewayReady;

    public bool CanStart => _gatewayReady && Volatile.Read(ref _running) == 0;

    public Task GatewayReadyAsync(IServiceProvider services)
    {
        _gatewayReady = true;
        return ShowAsync(services, "ready");
    }

    public void AddArguments(IList<object> args, Workload workload)
    {
        foreach (var argument in ArgumentsFor(workload))
        {
            args.Add(argument);
        }
    }

    public async Task<ProcessCommandSpec> StartAsync(Workload workload, ExecuteCommandContext context)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("an evaluation is already running");
        }
        await ShowAsync(context.Services, $"running {workload.DisplayName}").ConfigureAwait(false);
        return await ProjectCommand.SpecAsync(evaluator, _configuration, ArgumentsFor(workload), context).ConfigureAwait(false);
    }

    /// <summary>The Evaluator's contract: its last line is a JSON summary (<c>{"ok", "run_id", "html", …}</c>).</summary>
    public async Task<ExecuteCommandResult> Finish(ProcessCommandResultContext context)
    {
        Interlocked.Exchange(ref _running, 0);
        await ShowAsync(context.Services, context.ExitCode == 0 ? "ready" : $"last run failed (exit code {context.ExitCode})").ConfigureAwait(false);
        var summary = context.Output.LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (context.ExitCode != 0 || summary is null)
        {
            return CommandResults.Failure($"the Evaluator exited with code {context.ExitCode}", context.GetFormattedOutput(20, "Evaluator output"), CommandResultFormat.Text);
        }
        using var json = JsonDocument.Parse(summary);
        var html = json.RootElement.TryGetProperty("html", out var h) ? h.GetString() : null;
        return CommandResults.Success(html is null ? "evaluation finished" : $"report: {Path.GetFullPath(html)}", summary, CommandResultFormat.Json);
    }

    private string[] ArgumentsFor(Workload workload)
    {
        var dataset = workload == WinoGrande ? _winogrande : workload == Conversations ? _oasst : null;
        return
        [
            .. workload.Arguments,
            "--endpoint", new Uri(new Uri(gateway.GetEndpoint("http").Url), "v1").ToString(),
            "--model", builder.Resources.SelectMany(r => r.ModelsOf()).First().Id,
            "--out", _output,
            .. dataset is { Length: > 0 } ? ["--dataset", Path.GetFullPath(dataset)] : Array.Empty<string>(),
            .. workload == Load ? ["--ignore-eos"] : Array.Empty<string>(),
        ];
    }

    /// <summary>Command states are evaluated when the resource's snapshot changes: the evaluation's state, shown as a
    /// property, is that change.</summary>
    private Task ShowAsync(IServiceProvider services, string state) =>
        services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(evaluator, s => s with
        {
            Properties = [.. s.Properties.Where(p => p.Name != StateProperty), new ResourcePropertySnapshot(StateProperty, state)],
        });

    private const string StateProperty = "edgeaspire.evaluation";
}
