using Aspire.Hosting.ApplicationModel;

namespace EdgeAspire.Hosting;

/// <summary>Marks a project resource as one of ours, for the publisher and the commands.</summary>
public sealed record EdgeRoleAnnotation(ResourceRole Role) : IResourceAnnotation;

/// <summary>A model a PromptApi worker serves (one annotation per model).</summary>
public sealed record ServedModelAnnotation(ModelSpec Model) : IResourceAnnotation;

/// <summary>Requests a worker serves at once; on K3s its pod is sized for that many KV caches.</summary>
public sealed record ParallelSequencesAnnotation(int Sequences) : IResourceAnnotation;
