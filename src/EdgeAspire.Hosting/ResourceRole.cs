namespace EdgeAspire.Hosting;

/// <summary>What a project is in the composition; the K3s publisher and the dashboard commands treat each differently.</summary>
public enum ResourceRole
{
    ModelStore,
    Worker,
    Gateway,
    /// <summary>Runs to completion on demand (resource commands locally, a Job on K3s), not kept alive.</summary>
    Evaluator,
}
