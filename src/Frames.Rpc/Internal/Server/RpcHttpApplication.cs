using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FramesNet.Rpc.Internal.Server;

/// <summary>
/// What Kestrel runs for each request: an <see cref="HttpContext"/> over the connection's features, handed
/// to the dispatcher. Stands in for ASP.NET Core's hosting layer (host, DI container, configuration,
/// middleware pipeline), which a server of one terminal delegate does not need and whose start-up —
/// mostly the runtime loading its types — was a third of a daemon's time to ready.
/// </summary>
internal sealed class RpcHttpApplication(RpcDispatcher dispatcher) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    public Task ProcessRequestAsync(HttpContext context) => dispatcher.InvokeAsync(context);

    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }
}
