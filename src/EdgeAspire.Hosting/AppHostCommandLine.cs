using EdgeAspire.Hosting.Publishing;

namespace EdgeAspire.Hosting;

/// <summary>
/// What the AppHost's command line adds to Aspire's: <c>--model-file PATH</c> (repeatable) and the
/// <c>publish k3s [options]</c> short form of <c>--operation publish --step publish-k3s</c>. Both become
/// configuration (<c>EdgeAspire:ModelFiles:{i}</c>, <c>K3s:*</c>); everything else goes to Aspire as it is.
/// </summary>
internal sealed record AppHostCommandLine(string[] AspireArguments, Dictionary<string, string?> Settings, bool HelpRequested = false)
{
    public const string ModelFilesSection = "EdgeAspire:ModelFiles";

    /// <summary>What <c>--help</c> prints: every option this command line takes, and where Aspire's own go.</summary>
    public const string Help = """
        Usage: dotnet run --project src/EdgeAspire.AppHost -c Release -- [options]
               dotnet run --project src/EdgeAspire.AppHost -c Release -- publish k3s [publish options]

        Runs the stack under Aspire (ModelStore, one PromptApi worker per model, the gateway, the Evaluator, the dashboard).

        Options:
          --model-file PATH         serve a local GGUF file (repeatable; the model id is the file name without .gguf);
                                    without it, the catalog's default chat model is pulled from the Hugging Face Hub
          --Parameters:NAME=VALUE   an AppHost parameter: memory-budget, parallel-sequences, api-key
          -h, --help                this text

        Publish options (publish k3s):
          --output DIR              where the manifests go (default deploy/k3s)
          --namespace NAME          Kubernetes namespace
          --registry HOST[/PATH]    image registry
          --tag TAG                 image tag (default: this release)
          --node-memory SIZE        memory of a node, e.g. 8GiB
          --storage-class NAME      storage class of the ModelStore's volume
          --ingress-class NAME      ingress class (K3s: traefik)

        Any other argument is passed to Aspire as it is (e.g. --operation publish --step publish-k3s --output-path DIR).
        """;

    /// <summary>The step of the K3s environment AppHost.cs adds as <c>AddK3sEnvironment("k3s")</c>.</summary>
    public const string PublishStep = "publish-k3s";

    public static AppHostCommandLine Parse(IReadOnlyList<string> args)
    {
        var aspire = new List<string>();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var modelFiles = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "-?":
                    return new([], [], HelpRequested: true);
                case "--model-file":
                    var file = i + 1 < args.Count ? args[++i] : throw new AppHostUsageException("--model-file needs a value");
                    var full = File.Exists(file) ? Path.GetFullPath(file) : throw new AppHostUsageException($"--model-file {file}: no such file");
                    // The id (file name without .gguf) names the model and its worker, so it must be unique.
                    modelFiles.Add(modelFiles.Any(f => ModelId(f) == ModelId(full))
                        ? throw new AppHostUsageException($"--model-file {file}: another file already has the id '{ModelId(full)}' (ids are file names without .gguf)")
                        : full);
                    break;
                // Only as a command of its own: after an option it is that option's value (`--operation publish`).
                case "publish" when i == 0 || !IsOptionExpectingValue(args[i - 1]):
                    var target = i + 1 < args.Count ? args[i + 1] : "";
                    if (target != "k3s")
                    {
                        throw new AppHostUsageException($"publish '{target}': the only target is k3s (publish k3s --output deploy/k3s)");
                    }
                    var options = K3sSettings.ParseOptions([.. args.Skip(i + 2)]);
                    foreach (var (key, value) in options)
                    {
                        settings[key] = value;
                    }
                    var output = options.GetValueOrDefault($"{K3sSettings.ConfigurationSection}:Output") ?? Path.Combine("deploy", "k3s");
                    if (File.Exists(output))
                    {
                        throw new AppHostUsageException($"--output {output}: is a file, not a folder");
                    }
                    aspire.AddRange(["--operation", "publish", "--step", PublishStep, "--output-path", Path.GetFullPath(output)]);
                    // The short form reports as it always has: the manifests written, or one line of what is wrong.
                    // Aspire's own log of the pipeline would bury that line (the step writes both itself).
                    settings["Logging:LogLevel:Default"] = "None";
                    i = args.Count;
                    break;
                default:
                    aspire.Add(args[i]);
                    break;
            }
        }
        for (var i = 0; i < modelFiles.Count; i++)
        {
            settings[$"{ModelFilesSection}:{i}"] = modelFiles[i];
        }
        return new([.. aspire], settings);
    }

    private static bool IsOptionExpectingValue(string arg) => arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=', StringComparison.Ordinal);

    private static string ModelId(string path) => Path.GetFileNameWithoutExtension(path);
}
