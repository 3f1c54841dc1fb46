using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeAspire.Hosting;

/// <summary>
/// A resource command that runs the resource's own program once more with other arguments (the Evaluator's
/// workloads, the ModelStore's <c>verify</c>): the built entry assembly, with the environment Aspire gives the
/// resource itself (service discovery, OTLP export to the dashboard).
/// </summary>
internal static class ProjectCommand
{
    /// <param name="configuration">The build configuration of the AppHost, which built the project with it.</param>
    public static async Task<ProcessCommandSpec> SpecAsync(ProjectResource resource, string configuration, IEnumerable<string> arguments, ExecuteCommandContext context)
    {
        var execution = context.Services.GetRequiredService<DistributedApplicationExecutionContext>();
        var resolved = await ExecutionConfigurationBuilder.Create(resource).WithEnvironmentVariablesConfig()
            .BuildAsync(execution, context.Logger, context.CancellationToken).ConfigureAwait(false);
        var spec = new ProcessCommandSpec(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            Arguments = [EntryAssembly(resource, configuration), .. arguments],
            WorkingDirectory = Directory.GetCurrentDirectory(),
            InheritEnvironmentVariables = true,
            KillEntireProcessTree = true,
        };
        foreach (var (key, value) in resolved.EnvironmentVariables)
        {
            spec.EnvironmentVariables[key] = value;
        }
        return spec;
    }

    public static string BuildConfiguration(IDistributedApplicationBuilder builder) =>
        builder.AppHostAssembly?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>bin/{configuration}/net10.0/{assembly}.dll of the project, built with the AppHost that references it.</summary>
    private static string EntryAssembly(ProjectResource resource, string configuration)
    {
        var project = resource.GetProjectMetadata().ProjectPath;
        var output = Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration, "net10.0");
        var assembly = Path.GetFileNameWithoutExtension(project) switch
        {
            EdgeProjects.Evaluator => "edgeaspire-eval",
            var name => name,
        };
        var path = Path.Combine(output, assembly + ".dll");
        return File.Exists(path) ? path
            : throw new InvalidOperationException($"{path} is missing: build the solution in {configuration} first (dotnet build -c {configuration})");
    }
}
