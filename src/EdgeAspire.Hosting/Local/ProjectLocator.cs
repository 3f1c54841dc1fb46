using System.Reflection;
using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Cli;

namespace EdgeAspire.Hosting.Local;

/// <summary>
/// Finds a project's built entry assembly. The AppHost references every project it starts, so <c>dotnet run</c>
/// builds them all once, in the AppHost's configuration; the runner then starts <c>dotnet bin/…/x.dll</c> directly
/// (no nested <c>dotnet run</c>, whose extra process would outlive a killed child).
/// </summary>
internal sealed class ProjectLocator(EdgeApplicationOptions options)
{
    private readonly Lazy<string> _solutionDirectory = new(() => options.SolutionDirectory ?? FindSolutionDirectory());

    public string SolutionDirectory => _solutionDirectory.Value;

    public string Configuration { get; } = options.Configuration
        ?? Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? "Debug";

    public string EntryAssembly(IProjectMetadata project)
    {
        var projectFile = Path.GetFullPath(Path.Combine(SolutionDirectory, project.ProjectPath));
        var dll = Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", Configuration, "net10.0", project.AssemblyName + ".dll");
        return File.Exists(dll) ? dll
            : throw new AppHostFailureException($"{dll} is missing: build it first (dotnet build {Path.GetRelativePath(Environment.CurrentDirectory, projectFile)} -c {Configuration})");
    }

    private static string FindSolutionDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "EdgeAspire.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new AppHostFailureException("cannot find EdgeAspire.sln above the AppHost or the current folder: run the AppHost from the repository");
    }
}
