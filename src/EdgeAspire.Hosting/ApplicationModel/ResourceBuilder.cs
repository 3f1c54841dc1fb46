namespace EdgeAspire.Hosting.ApplicationModel;

internal sealed class ResourceBuilder<T>(T resource, EdgeApplicationBuilder applicationBuilder) : IResourceBuilder<T>
{
    public T Resource { get; } = resource;

    public EdgeApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;
}
