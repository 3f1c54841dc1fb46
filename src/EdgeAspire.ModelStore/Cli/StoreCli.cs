using System.CommandLine;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace EdgeAspire.ModelStore.Cli;

/// <summary>
/// <c>pull</c>, <c>list</c>, <c>import</c> and <c>verify</c> on the cache directly, without a running server. Settings
/// come as they do for the server: <c>appsettings.json</c>, environment, and <c>--ModelStore:CachePath=…</c>-style
/// arguments. Bad input is one line on stderr and a non-zero exit, never a stack trace.
/// </summary>
internal static class StoreCli
{
    public const int Failed = 1;
    public const int BadUsage = 2;

    private static readonly string[] s_commands = ["pull", "list", "import", "verify"];

    public static bool IsCommand(string[] args) => args is [var first, ..] && s_commands.Contains(first, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (commandArgs, settingArgs) = SplitSettings(args);
        var context = new CliContext(settingArgs, CreateConsole(output));
        var parse = StoreCommands.Create(context).Parse(commandArgs);
        if (parse.Errors is [var first, ..])
        {
            await error.WriteLineAsync($"error: {first.Message}");
            return BadUsage;
        }
        try
        {
            var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (Exception e) // anything, so the user never sees a stack trace; the message says what went wrong
        {
            await error.WriteLineAsync($"error: {OneLine(e)}");
            return e is OptionsValidationException ? BadUsage : Failed;
        }
        finally
        {
            await context.DisposeAsync();
        }
    }

    /// <summary><c>--Section:Key=value</c> and <c>--Section:Key value</c> go to configuration, the rest to the parser.</summary>
    internal static (List<string> Command, List<string> Settings) SplitSettings(string[] args)
    {
        var (command, settings) = (new List<string>(), new List<string>());
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var isSetting = arg.StartsWith("--", StringComparison.Ordinal) && arg.Split('=')[0].Contains(':', StringComparison.Ordinal);
            if (!isSetting)
            {
                command.Add(arg);
                continue;
            }
            settings.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                settings.Add(args[++i]);
            }
        }
        return (command, settings);
    }

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = 160; // redirected output: no wrapping of the list table
        }
        return console;
    }

    private static string OneLine(Exception e) =>
        (e is OptionsValidationException v ? string.Join("; ", v.Failures) : ModelStoreException.From(e).Message).ReplaceLineEndings(" ");
}
