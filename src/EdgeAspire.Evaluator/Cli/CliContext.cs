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
        // A terminal gets colours and live progress; a pipe, a file or a test gets plain text (no escape codes in
        // logs a script parses) at a width that keeps the tables readable.
        var terminal = (writer == Console.Out && !Console.IsOutputRedirected) || (writer == Console.Error && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = PlainWidth;
        }
        return console;
    }

    private const int PlainWidth = 160;
}
