namespace EdgeAspire.PromptApi;

/// <summary><c>PromptApi:Mode</c>: the same binary serves models (<c>worker</c>, the default) or fronts workers
/// (<c>gateway</c>). Read from configuration before the container is built, because the two modes register
/// different services.</summary>
internal static class PromptApiMode
{
    public const string Key = $"{PromptApiOptions.SectionName}:Mode";
    public const string Worker = "worker";
    public const string Gateway = "gateway";

    /// <exception cref="InvalidOperationException">The value is neither mode: failing the start beats guessing.</exception>
    public static bool IsGateway(IConfiguration configuration) => configuration[Key] switch
    {
        null or "" => false,
        var mode when mode.Equals(Worker, StringComparison.OrdinalIgnoreCase) => false,
        var mode when mode.Equals(Gateway, StringComparison.OrdinalIgnoreCase) => true,
        var mode => throw new InvalidOperationException($"{Key} must be '{Worker}' or '{Gateway}', not '{mode}'."),
    };
}
