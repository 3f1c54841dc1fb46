namespace EdgeAspire.Llama;

public sealed class LlamaModelOptions
{
    /// <summary>Map the file instead of reading it: pages are shared and loaded on demand.</summary>
    public bool UseMemoryMap { get; set; } = true;

    /// <summary>Lock the weights in RAM so the OS cannot page them out (needs RLIMIT_MEMLOCK).</summary>
    public bool LockMemory { get; set; }
}
