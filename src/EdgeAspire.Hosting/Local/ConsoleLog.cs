using Spectre.Console;

namespace EdgeAspire.Hosting.Local;

/// <summary>Each resource's output, line by line, behind its name in its own colour; the AppHost's own notes in bold.</summary>
internal sealed class ConsoleLog(IAnsiConsole console, int nameWidth)
{
    private static readonly string[] s_palette = ["deepskyblue1", "green3", "orange1", "orchid", "gold1", "turquoise2", "salmon1", "mediumpurple1"];

    private readonly Lock _lock = new();

    public IAnsiConsole Console { get; } = console;

    public static string ColourOf(int index) => s_palette[index % s_palette.Length];

    public void Line(string name, string colour, string text)
    {
        var prefix = Markup.Escape(name.PadRight(nameWidth));
        lock (_lock)
        {
            Console.MarkupLine($"[{colour}]{prefix} |[/] {Markup.Escape(text)}");
        }
    }

    public void Note(string text)
    {
        lock (_lock)
        {
            Console.MarkupLine($"[bold]{Markup.Escape(text)}[/]");
        }
    }

    public void Warn(string text)
    {
        lock (_lock)
        {
            Console.MarkupLine($"[bold yellow]{Markup.Escape(text)}[/]");
        }
    }

    public void Write(Spectre.Console.Rendering.IRenderable renderable)
    {
        lock (_lock)
        {
            Console.Write(renderable);
        }
    }
}
