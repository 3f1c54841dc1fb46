using EdgeAspire.ServiceDefaults.Discovery;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Every worker named must resolve to at least one address, or the gateway would route to nothing without
/// saying why.</summary>
internal sealed class GatewayOptionsValidator(IServiceUriResolver resolver) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var unresolved = options.Workers.Where(w => string.IsNullOrWhiteSpace(w) || resolver.GetEndpoints(w).Count == 0).ToList();
        return unresolved.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(unresolved.Select(w =>
                $"The worker '{w}' has no address: set services__{w}__http__0=http://host:port (configuration services:{w}:http:0)."));
    }
}
