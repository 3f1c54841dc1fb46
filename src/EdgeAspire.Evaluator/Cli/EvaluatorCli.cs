using System.CommandLine;

namespace EdgeAspire.Evaluator.Cli;

/// <summary>The <c>edgeaspire-eval</c> command line.</summary>
public static class EvaluatorCli
{
    public static RootCommand Build(CliContext cli)
    {
        var root = new RootCommand("EdgeAspire evaluator: accuracy, throughput, latency, CPU and memory of llama.cpp models, in-process or behind an OpenAI-compatible endpoint");
        root.Subcommands.Add(WinograndeCommand.Create(cli));
        root.Subcommands.Add(ConversationsCommand.Create(cli));
        root.Subcommands.Add(LoadCommand.Create(cli));
        root.Subcommands.Add(SweepCommand.Create(cli));
        root.Subcommands.Add(SoakCommand.Create(cli));
        root.Subcommands.Add(SynthCommand.Create(cli));
        root.Subcommands.Add(ReportCommand.Create(cli));
        root.Subcommands.Add(CompareCommand.Create(cli));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var cli = new CliContext(output, error);
        var parse = Build(cli).Parse(args);
        return parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
