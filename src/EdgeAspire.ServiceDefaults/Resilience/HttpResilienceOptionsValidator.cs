using Microsoft.Extensions.Options;

namespace EdgeAspire.ServiceDefaults.Resilience;

/// <summary>Data-annotation validation generated at compile time (no reflection, trimming-safe).</summary>
[OptionsValidator]
internal sealed partial class HttpResilienceOptionsValidator : IValidateOptions<HttpResilienceOptions>;
