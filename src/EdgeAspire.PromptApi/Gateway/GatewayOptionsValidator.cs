using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>Every worker named must have an address in configuration, or the gateway would route to nothing without
/// saying why. (Service discovery would pass an unknown name through to DNS, which fails only at the first request.)</summary>
internal sealed class GatewayOptionsValidator(IConfiguration configuration) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var unresolved = options.Workers.Where(w => string.IsNullOrWhiteSpace(w) || !configuration.GetSection($"services:{w}").GetChildren().Any()).ToList();
        return unresolved.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(unresolved.Select(w =>
                $"The worker '{w}' has no address: set services__{w}__http__0=http://host:port (configuration services:{w}:http:0)."));
    }
}
