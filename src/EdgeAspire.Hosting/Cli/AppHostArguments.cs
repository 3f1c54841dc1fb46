namespace EdgeAspire.Hosting.Cli;

/// <summary>
/// The AppHost's command line: <c>[--model-file PATH]… [publish k3s --output DIR --node-memory SIZE …]</c> or
/// <c>[--model-file PATH]… evaluate &lt;evaluator arguments&gt;</c>. Anything unknown is refused in one line.
/// </summary>
public sealed class AppHostArguments
{
    public const long DefaultNodeMemory = 8L << 30;

    public AppHostCommand Command { get; private init; } = AppHostCommand.Run;

    public IReadOnlyList<string> ModelFiles { get; private init; } = [];

    public string OutputPath { get; private init; } = Path.Combine("deploy", "k3s");

    public long NodeMemoryBytes { get; private init; } = DefaultNodeMemory;

    public string Namespace { get; private init; } = "edgeaspire";

    /// <summary>Prefix of image names: <c>{Registry}/{image}:{Tag}</c>.</summary>
    public string Registry { get; private init; } = "ghcr.io/edgeaspire";

    public string Tag { get; private init; } = "latest";

    public IReadOnlyList<string> EvaluatorArguments { get; private init; } = [];

    public static AppHostArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var modelFiles = new List<string>();
        var command = AppHostCommand.Run;
        string? output = null, ns = null, registry = null, tag = null;
        long? nodeMemory = null;
        IReadOnlyList<string> evaluator = [];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--model-file":
                    var file = Value(args, ref i, arg);
                    var full = File.Exists(file) ? Path.GetFullPath(file) : throw new AppHostUsageException($"--model-file {file}: no such file");
                    // The id (file name without .gguf) names the model and its worker, so it must be unique.
                    modelFiles.Add(modelFiles.Any(f => ModelId(f) == ModelId(full))
                        ? throw new AppHostUsageException($"--model-file {file}: another file already has the id '{ModelId(full)}' (ids are file names without .gguf)")
                        : full);
                    break;
                case "publish" when command == AppHostCommand.Run:
                    var target = i + 1 < args.Count ? args[++i] : "";
                    command = target == "k3s" ? AppHostCommand.PublishK3s
                        : throw new AppHostUsageException($"publish '{target}': the only target is k3s (publish k3s --output deploy/k3s)");
                    break;
                case "evaluate" when command == AppHostCommand.Run:
                    evaluator = [.. args.Skip(i + 1)];
                    command = evaluator.Count > 0 ? AppHostCommand.Evaluate
                        : throw new AppHostUsageException("evaluate needs a workload: evaluate conversations --conversations 5 (see edgeaspire-eval --help)");
                    i = args.Count;
                    break;
                case "--output" when command == AppHostCommand.PublishK3s:
                    output = Value(args, ref i, arg);
                    break;
                case "--namespace" when command == AppHostCommand.PublishK3s:
                    ns = Value(args, ref i, arg);
                    break;
                case "--registry" when command == AppHostCommand.PublishK3s:
                    registry = Value(args, ref i, arg).TrimEnd('/');
                    break;
                case "--tag" when command == AppHostCommand.PublishK3s:
                    tag = Value(args, ref i, arg);
                    break;
                case "--node-memory" when command == AppHostCommand.PublishK3s:
                    var size = Value(args, ref i, arg);
                    nodeMemory = ByteSize.TryParse(size, out var bytes) ? bytes
                        : throw new AppHostUsageException($"--node-memory {size}: expected a size such as 8GiB or 16Gi");
                    break;
                default:
                    throw new AppHostUsageException($"unknown argument '{arg}': expected [--model-file PATH]… and nothing else, 'publish k3s [--output DIR] [--node-memory 8GiB]', or 'evaluate <workload> …'");
            }
        }
        return new AppHostArguments
        {
            Command = command,
            ModelFiles = modelFiles,
            OutputPath = output ?? Path.Combine("deploy", "k3s"),
            NodeMemoryBytes = nodeMemory ?? DefaultNodeMemory,
            Namespace = ns is null || ApplicationModel.ResourceNames.IsValid(ns) ? ns ?? "edgeaspire"
                : throw new AppHostUsageException($"--namespace {ns}: must be a DNS label (lower-case letters, digits, '-')"),
            Registry = registry ?? "ghcr.io/edgeaspire",
            Tag = tag ?? "latest",
            EvaluatorArguments = evaluator,
        };
    }

    private static string ModelId(string path) => Path.GetFileNameWithoutExtension(path);

    private static string Value(IReadOnlyList<string> args, ref int i, string option) =>
        i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
            : throw new AppHostUsageException($"{option} needs a value");
}
