using Aspire.Hosting;
using EdgeAspire.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace EdgeAspire.Hosting;

/// <summary>The AppHost's entry: Aspire's builder with our command line (<see cref="AppHostCommandLine"/>).</summary>
public static class EdgeAppHost
{
    /// <summary><see cref="DistributedApplication.CreateBuilder(string[])"/> after our own options are taken out.
    /// Bad input ends the process here with one line on stderr and exit code 2, before anything starts.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        AppHostCommandLine commandLine;
        try
        {
            commandLine = AppHostCommandLine.Parse(args);
        }
        catch (AppHostUsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Environment.Exit(2);
            throw;
        }
        if (commandLine.HelpRequested)
        {
            Console.Out.Write(AppHostCommandLine.Help);
            Environment.Exit(0);
        }
        var builder = DistributedApplication.CreateBuilder(commandLine.AspireArguments);
        builder.Configuration.AddInMemoryCollection(commandLine.Settings);
        PipelineFailureWatch.AddTo(builder);
        return builder;
    }

    /// <summary>The models given with <c>--model-file</c> (or <c>EdgeAspire:ModelFiles</c>), else the catalog's
    /// default chat model, which a local run first checks it can fetch (DESIGN §9).</summary>
    public static IReadOnlyList<ModelSpec> ModelsToServe(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var files = builder.Configuration.GetSection(AppHostCommandLine.ModelFilesSection).GetChildren()
            .Select(c => c.Value).OfType<string>().ToList();
        if (files.Count > 0)
        {
            return [.. files.Select(f => new ModelSpec(Path.GetFileNameWithoutExtension(f), Path.GetFullPath(f)))];
        }
        if (builder.ExecutionContext.IsRunMode)
        {
            HubCheck.ExitUnlessReachable(PromptApiBuilderExtensions.DefaultModelId, builder.Configuration);
        }
        return [new ModelSpec(PromptApiBuilderExtensions.DefaultModelId, null)];
    }
}
