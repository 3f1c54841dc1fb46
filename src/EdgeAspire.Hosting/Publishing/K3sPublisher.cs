using EdgeAspire.Hosting.ApplicationModel;
using EdgeAspire.Hosting.Cli;

namespace EdgeAspire.Hosting.Publishing;

public static class K3sPublisher
{
    public static int Publish(IReadOnlyList<ProjectResource> resources, AppHostArguments arguments, TextWriter output)
    {
        throw new AppHostUsageException("not yet");
    }
}
