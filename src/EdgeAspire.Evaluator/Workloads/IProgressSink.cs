namespace EdgeAspire.Evaluator.Workloads;

/// <summary>Where a workload reports progress: the CLI shows a Spectre progress bar; tests ignore it.</summary>
public interface IProgressSink
{
    void Started(string label, int total);

    void Advanced(int done);
}

public sealed class NoProgress : IProgressSink
{
    public static NoProgress Instance { get; } = new();

    public void Started(string label, int total) { }

    public void Advanced(int done) { }
}
