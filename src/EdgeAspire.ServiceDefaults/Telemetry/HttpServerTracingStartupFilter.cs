using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace EdgeAspire.ServiceDefaults.Telemetry;

/// <summary>Puts <see cref="HttpServerTracingMiddleware"/> first in every pipeline, so Program.cs stays short.</summary>
internal sealed class HttpServerTracingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(inner => new HttpServerTracingMiddleware(inner).InvokeAsync);
        next(app);
    };
}
