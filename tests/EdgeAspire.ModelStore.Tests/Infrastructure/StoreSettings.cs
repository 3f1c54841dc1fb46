namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>Configuration for a store over a cache folder that pulls <see cref="TestModels.File"/> from the fake Hub.</summary>
internal static class StoreSettings
{
    public const string ModelId = "tiny";

    public static Dictionary<string, string?> For(string cachePath, Uri endpoint, long quota = 0) => new()
    {
        ["ModelStore:CachePath"] = cachePath,
        ["ModelStore:Endpoint"] = endpoint.ToString(),
        ["ModelStore:QuotaBytes"] = quota.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ModelStore:ReadTimeout"] = "00:00:01",
        ["ModelStore:RetryDelay"] = "00:00:00.001",
        ["ModelStore:MaxRetries"] = "4",
        [$"ModelStore:Catalog:{ModelId}:Repo"] = FakeHub.Repo,
        [$"ModelStore:Catalog:{ModelId}:File"] = TestModels.File,
        [$"ModelStore:Catalog:{ModelId}:Quantization"] = "F32",
    };
}
