using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FramesNet.Rpc.Server;

/// <summary>
/// The gRPC methods a server answers, by exact path (<c>/frames.v1.Scheduler/RegisterWorker</c>): the request
/// delegates of the endpoints Grpc.AspNetCore makes for each method. A gRPC path is the whole route, so a
/// dictionary does what endpoint routing would, without building its matcher at the first call. A path not
/// in the table is UNIMPLEMENTED naming it; a method other than POST is 405, as routing would answer.
/// </summary>
internal sealed class MethodTable
{
    private readonly Dictionary<string, RequestDelegate> _methods = new(StringComparer.Ordinal);

    public MethodTable(IEnumerable<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            // The methods' endpoints have literal patterns; the stack's catch-alls for unknown services and
            // methods have parameters, and are what this table answers itself.
            if (endpoint is RouteEndpoint { RoutePattern.Parameters.Count: 0, RequestDelegate: { } handler } route && route.RoutePattern.RawText is { } path)
                _methods.Add(path.StartsWith('/') ? path : "/" + path, handler);
        }
    }

    public Task Dispatch(HttpContext context)
    {
        if (!_methods.TryGetValue(context.Request.Path.Value ?? "", out var handler))
            return StatusDetails.Unimplemented(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }
        return handler(context);
    }

    /// <summary>Where <c>MapGrpcService</c> puts the endpoints it makes: a route builder that only collects them.</summary>
    internal sealed class Collector(IServiceProvider services) : IEndpointRouteBuilder
    {
        public IServiceProvider ServiceProvider => services;

        public ICollection<EndpointDataSource> DataSources { get; } = new List<EndpointDataSource>();

        public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);
    }
}
