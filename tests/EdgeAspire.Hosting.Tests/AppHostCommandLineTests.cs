using Microsoft.Extensions.Configuration;
using EdgeAspire.Hosting.Publishing;

namespace EdgeAspire.Hosting.Tests;

/// <summary>Our options on the AppHost's command line, and Aspire's own passed through untouched.</summary>
public sealed class AppHostCommandLineTests
{
    [Fact]
    public void The_short_form_becomes_the_k3s_step_of_Aspires_publish_with_its_settings()
    {
        var line = AppHostCommandLine.Parse(["publish", "k3s", "--output", "out", "--node-memory", "16GiB", "--storage-class", "nvme"]);

        Assert.Equal(["--operation", "publish", "--step", "publish-k3s", "--output-path", Path.GetFullPath("out")], line.AspireArguments);
        Assert.Equal("16GiB", line.Settings["K3s:NodeMemory"]);
        Assert.Equal("nvme", line.Settings["K3s:StorageClass"]);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_is_asked_for_and_names_every_option_that_works(string flag)
    {
        var line = AppHostCommandLine.Parse([flag]);

        Assert.True(line.HelpRequested);
        Assert.Empty(line.AspireArguments);
        foreach (var option in new[] { "--model-file", "publish k3s", "--output", "--namespace", "--registry", "--tag", "--node-memory", "--storage-class", "--ingress-class" })
        {
            Assert.Contains(option, AppHostCommandLine.Help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Aspires_own_publish_command_line_is_passed_through_as_it_is()
    {
        string[] aspire = ["--operation", "publish", "--step", "publish", "--output-path", "/tmp/x", "--K3s:NodeMemory=16GiB"];

        var line = AppHostCommandLine.Parse(aspire);

        Assert.Equal(aspire, line.AspireArguments);
        Assert.Empty(line.Settings);
    }

    [Theory]
    [InlineData("publish", "docker")]
    [InlineData("publish", "k3s", "--node-memory", "lots")]
    [InlineData("publish", "k3s", "--output")]
    public void A_short_form_it_cannot_do_is_refused(params string[] args) =>
        Assert.Throws<AppHostUsageException>(() => AppHostCommandLine.Parse(args));

    [Fact]
    public void Configuration_overrides_what_AppHost_cs_set()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["K3s:NodeMemory"] = "16Gi", ["K3s:Namespace"] = "lab" }).Build();

        var settings = new K3sSettings { NodeMemoryBytes = 4L << 30, IngressClass = "nginx" }.With(configuration);

        Assert.Equal((16L << 30, "lab", "nginx"), (settings.NodeMemoryBytes, settings.Namespace, settings.IngressClass));
    }
}
