namespace EdgeAspire.Hosting.ApplicationModel;

/// <summary>Fluent access to one resource of the composition (Aspire's <c>IResourceBuilder&lt;T&gt;</c>).</summary>
public interface IResourceBuilder<out T>
{
    T Resource { get; }

    EdgeApplicationBuilder ApplicationBuilder { get; }
}
