namespace EdgeAspire.Hosting.ApplicationModel;

/// <summary>What a project is in the composition; the local runner and the K3s publisher treat each differently.</summary>
public enum ResourceRole
{
    Service,
    ModelStore,
    Worker,
    Gateway,
    /// <summary>Runs to completion on demand (a K8s Job), not kept alive.</summary>
    Evaluator,
}
