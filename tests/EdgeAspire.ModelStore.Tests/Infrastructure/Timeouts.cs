namespace EdgeAspire.ModelStore.Tests.Infrastructure;

/// <summary>Every await in these tests is bounded: a hang fails the test instead of the run.</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Default, TestContext.Current.CancellationToken);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Default, TestContext.Current.CancellationToken);
}
