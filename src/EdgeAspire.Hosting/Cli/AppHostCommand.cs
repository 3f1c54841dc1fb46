namespace EdgeAspire.Hosting.Cli;

public enum AppHostCommand
{
    /// <summary>Start every resource locally and keep them running until Ctrl+C.</summary>
    Run,
    /// <summary>Start the stack, run the Evaluator against the gateway, stop.</summary>
    Evaluate,
    /// <summary>Write Kubernetes (K3s) manifests.</summary>
    PublishK3s,
}
