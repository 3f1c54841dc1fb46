using Spectre.Console;

namespace EdgeAspire.Hosting.Local;

internal static class ResourceTable
{
    public static Table Render(IReadOnlyList<ResourceSnapshot> snapshots)
    {
        var table = new Table().RoundedBorder().Title("[bold]EdgeAspire resources[/]");
        table.AddColumns("Resource", "Kind", "State", "URL", "PID", "Restarts");
        foreach (var s in snapshots)
        {
            var state = s.State switch
            {
                ResourceState.Running => "[green]Running[/]",
                ResourceState.Failed => "[red]Failed[/]",
                ResourceState.Restarting => "[yellow]Restarting[/]",
                var other => other.ToString(),
            };
            table.AddRow(Markup.Escape(s.Name), s.Kind, state, Markup.Escape(s.Url?.ToString() ?? "-"),
                s.ProcessId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                s.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return table;
    }
}
