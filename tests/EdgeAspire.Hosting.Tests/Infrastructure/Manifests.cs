using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>The documents of a publish output, parsed into plain maps and lists (scalars stay strings).</summary>
internal sealed class Manifests
{
    private Manifests(string directory, IReadOnlyList<(string File, Dictionary<object, object> Doc)> documents)
    {
        Directory = directory;
        Documents = documents;
    }

    public string Directory { get; }

    public IReadOnlyList<(string File, Dictionary<object, object> Doc)> Documents { get; }

    public IEnumerable<Dictionary<object, object>> OfKind(string kind) => Documents.Where(d => Str(d.Doc, "kind") == kind).Select(d => d.Doc);

    public static Manifests Load(string directory)
    {
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<(string, Dictionary<object, object>)>();
        foreach (var file in System.IO.Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var parser = new Parser(new StringReader(File.ReadAllText(file)));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                documents.Add((Path.GetFileName(file), deserializer.Deserialize<Dictionary<object, object>>(parser)));
            }
        }
        return new Manifests(directory, documents);
    }

    public static Dictionary<object, object> Map(object? node, string key) =>
        (Dictionary<object, object>)((Dictionary<object, object>)node!)[key];

    public static Dictionary<object, object>? MapOrNull(object? node, string key) =>
        ((Dictionary<object, object>)node!).TryGetValue(key, out var value) ? (Dictionary<object, object>?)value : null;

    public static List<object> List(object? node, string key) =>
        ((Dictionary<object, object>)node!).TryGetValue(key, out var value) && value is List<object> list ? list : [];

    public static string? Str(object? node, string key) =>
        ((Dictionary<object, object>)node!).TryGetValue(key, out var value) ? value as string : null;

    /// <summary>The pod template of a Deployment or Job.</summary>
    public static Dictionary<object, object> PodSpec(Dictionary<object, object> workload) => Map(Map(Map(workload, "spec"), "template"), "spec");

    public static IEnumerable<Dictionary<object, object>> Containers(Dictionary<object, object> workload) =>
        List(PodSpec(workload), "initContainers").Concat(List(PodSpec(workload), "containers")).Cast<Dictionary<object, object>>();
}
