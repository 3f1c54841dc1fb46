using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EdgeAspire.PromptApi.Api;

/// <summary>With <c>PromptApi:ApiKeys</c> set, requires <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
internal sealed class ApiKeyFilter(IOptions<PromptApiOptions> options) : IEndpointFilter
{
    private readonly byte[][] _keys = [.. options.Value.ApiKeys.Where(k => k.Length > 0).Select(Encoding.UTF8.GetBytes)];

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_keys.Length == 0 || IsAuthorized(context.HttpContext.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(OpenAIErrors.Result(401, "A valid API key is required: send 'Authorization: Bearer <key>'.", code: "invalid_api_key"));
    }

    private bool IsAuthorized(string header)
    {
        const string Scheme = "Bearer ";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var presented = Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim());
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key);
        }
        return match;
    }
}
