using Microsoft.AspNetCore.Http;

namespace EdgeAspire.ServiceDefaults.Security;

/// <summary>
/// Lets a request through when <paramref name="isOpen"/> says it needs no key or it carries one of
/// <paramref name="keys"/>; otherwise answers with the service's own 401 body (<paramref name="refusal"/>) and
/// <c>WWW-Authenticate: Bearer</c>.
/// </summary>
public sealed class BearerKeyFilter(BearerKeys keys, Func<HttpRequest, bool> isOpen, Func<IResult> refusal) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        if (isOpen(request) || keys.Allow(request.Headers.Authorization.ToString()))
        {
            return next(context);
        }
        context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(refusal());
    }
}
