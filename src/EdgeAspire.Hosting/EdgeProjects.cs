using Aspire.Hosting;

namespace EdgeAspire.Hosting;

/// <summary>
/// The repository's service projects as Aspire project metadata, found by walking up from the running AppHost (or
/// test) to the folder that holds <c>src/</c>. Like the generated <c>Projects.*</c> types of an AppHost's project
/// references, they suppress the build before each start: the AppHost build has built them, and two replicas
/// building one project at the same moment would collide.
/// </summary>
internal abstract class EdgeProjects(string project) : IProjectMetadata
{
    public const string PromptApi = "EdgeAspire.PromptApi";
    public const string ModelStore = "EdgeAspire.ModelStore";
    public const string Evaluator = "EdgeAspire.Evaluator";

    public string ProjectPath { get; } = PathOf(AppContext.BaseDirectory, project);

    public bool SuppressBuild => true;

    private static string PathOf(string start, string project)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", project, project + ".csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"{project}.csproj not found in a src/ folder above {start}");
    }

    internal sealed class PromptApiProject() : EdgeProjects(PromptApi);

    internal sealed class ModelStoreProject() : EdgeProjects(ModelStore);

    internal sealed class EvaluatorProject() : EdgeProjects(Evaluator);
}
