using EdgeAspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting.Local;

/// <summary>Everything needed to start one replica: fixed before anything starts, so addresses are known upfront.</summary>
internal sealed record ReplicaSpec(
    ProjectResource Resource,
    int Replica,
    string Name,
    Uri? Url,
    string EntryAssembly,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> Arguments,
    string Colour);
