using EdgeAspire.Evaluator.Workloads;
using Spectre.Console;

namespace EdgeAspire.Evaluator.Cli;

internal sealed class SpectreProgress(ProgressContext context) : IProgressSink
{
    private ProgressTask? _task;

    public static async Task<T> RunAsync<T>(IAnsiConsole console, Func<IProgressSink, Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return await work(NoProgress.Instance).ConfigureAwait(false);
        }
        return await console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(ctx => work(new SpectreProgress(ctx))).ConfigureAwait(false);
    }

    public void Started(string label, int total)
    {
        _task?.StopTask();
        _task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, total));
    }

    public void Advanced(int done)
    {
        if (_task is not null)
        {
            _task.Value = done;
        }
    }
}
