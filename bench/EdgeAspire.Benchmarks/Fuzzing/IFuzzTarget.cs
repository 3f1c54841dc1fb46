namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>A running PromptApi that serves the models in <see cref="ModelsFolder"/>.</summary>
internal interface IFuzzTarget
{
    HttpClient Client { get; }

    string ModelsFolder { get; }

    /// <summary>Null while the server runs; how it ended once it has (an exit code or signal).</summary>
    string? Death { get; }

    /// <summary>Starts the server again after a death or a hang, on the same models folder.</summary>
    Task RestartAsync();
}
