namespace EdgeAspire.Llama.Tests;

public class SmokeTests
{
    [Fact]
    public void Native_libraries_are_copied_next_to_the_tests()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
        Assert.True(File.Exists(Path.Combine(dir, "libllama.v0.5.0.so")));
    }
}
