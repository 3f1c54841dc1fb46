using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>Where a command writes: tables to <see cref="Out"/>, progress and errors to <see cref="Error"/>; the
/// last line of <see cref="Out"/> is always the one-line JSON summary.</summary>
public sealed class CliContext
{
    private static readonly JsonSerializerOptions s_compact = new() { WriteIndented = false };

    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output;
        ErrorWriter = error;
        Out = Create(output);
        Error = Create(error);
    }

    public TextWriter Output { get; }

    public TextWriter ErrorWriter { get; }

    public IAnsiConsole Out { get; }

    public IAnsiConsole Error { get; }

    public void Summary(JsonObject summary) => Output.WriteLine(summary.ToJsonString(s_compact));

    private static IAnsiConsole Create(TextWriter writer)
    {
        var console = writer == Console.Out || writer == Console.Error;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = console ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = console ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = console ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }
}
