namespace EdgeAspire.Hosting;

public enum ResourceState
{
    /// <summary>Waiting for the resources it depends on.</summary>
    Waiting,
    Starting,
    /// <summary>Started and answering its health endpoint.</summary>
    Running,
    /// <summary>Exited unexpectedly; will be started again after a back-off.</summary>
    Restarting,
    /// <summary>Never became healthy, or could not be started.</summary>
    Failed,
    Stopping,
    Stopped,
}
