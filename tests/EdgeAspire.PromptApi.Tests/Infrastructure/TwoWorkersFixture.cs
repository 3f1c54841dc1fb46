namespace EdgeAspire.PromptApi.Tests.Infrastructure;

/// <summary>Two workers with different models behind a gateway: worker-a serves <c>synthetic</c> and <c>alpha</c>,
/// worker-b serves <c>synthetic</c>, <c>beta</c> and (when ../shared is there) stories260K. Every id but stories260K
/// is the synthetic model's file.</summary>
public sealed class TwoWorkersFixture : IAsyncDisposable
{
    public TwoWorkersFixture()
    {
        var file = TestModels.Require(TestModels.Synthetic);
        WorkerA = new PromptApiServer(new Dictionary<string, string> { [TestModels.Synthetic] = file, ["alpha"] = file });
        var b = new Dictionary<string, string> { [TestModels.Synthetic] = file, ["beta"] = file };
        if (TestModels.Find(TestModels.Stories) is { } stories)
        {
            b[TestModels.Stories] = stories;
        }
        WorkerB = new PromptApiServer(b);
        Gateway = PromptApiServer.Gateway(new Dictionary<string, Uri[]> { ["worker-a"] = [WorkerA.BaseAddress], ["worker-b"] = [WorkerB.BaseAddress] });
    }

    public PromptApiServer WorkerA { get; }

    public PromptApiServer WorkerB { get; }

    public PromptApiServer Gateway { get; }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await WorkerA.DisposeAsync();
        await WorkerB.DisposeAsync();
    }
}
