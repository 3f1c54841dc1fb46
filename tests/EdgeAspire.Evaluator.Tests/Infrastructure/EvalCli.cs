using System.Text.Json;
using EdgeAspire.Evaluator.Cli;

namespace EdgeAspire.Evaluator.Tests.Infrastructure;

/// <summary>The evaluator's command line run in-process, with its output captured.</summary>
internal sealed record EvalCli(int Exit, string Output, string Error)
{
    /// <summary>The last line of stdout, the JSON summary every command ends with.</summary>
    public JsonElement Summary => JsonDocument.Parse(Output.TrimEnd().Split('\n')[^1]).RootElement;

    public string RunId => Summary.GetProperty("run_id").GetString()!;

    public static async Task<EvalCli> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await EvaluatorCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return new EvalCli(exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs and asserts success, showing stderr when it failed.</summary>
    public static async Task<EvalCli> SucceedAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Error}");
        return run;
    }

    /// <summary>Runs and asserts a clear failure: a non-zero exit and exactly one line on stderr.</summary>
    public static async Task<string> FailAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.NotEqual(0, run.Exit);
        var line = Assert.Single(run.Error.Trim().Split('\n'));
        Assert.False(run.Summary.GetProperty("ok").GetBoolean());
        return line;
    }
}
