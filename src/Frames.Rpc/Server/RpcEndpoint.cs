using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace FramesNet.Rpc.Server;

/// <summary>
/// The one service type the ASP.NET Core host maps: every method of every <see cref="RpcServices"/> entry is
/// bound to it by <see cref="RpcEndpointMethods"/> with handlers already bound to their service objects, so
/// nothing is looked up by reflection at start-up and the per-call activation is a singleton lookup.
/// </summary>
internal sealed class RpcEndpoint;

/// <summary>Adds the methods of the services to the host, through each service's <c>BindService</c>.</summary>
internal sealed class RpcEndpointMethods(IReadOnlyList<Action<ServiceBinderBase>> services) : IServiceMethodProvider<RpcEndpoint>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<RpcEndpoint> context)
    {
        var binder = new Binder(context);
        foreach (var bind in services)
            bind(binder);
    }

    private sealed class Binder(ServiceMethodProviderContext<RpcEndpoint> context) : ServiceBinderBase
    {
        private static readonly IList<object> Post = [new HttpMethodMetadata(["POST"], acceptCorsPreflight: true)];

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var bound = Bound(method, handler);
            context.AddUnaryMethod(method, Post, (_, request, call) => bound(request, call));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var bound = Bound(method, handler);
            context.AddServerStreamingMethod(method, Post, (_, request, responses, call) => bound(request, responses, call));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var bound = Bound(method, handler);
            context.AddClientStreamingMethod(method, Post, (_, requests, call) => bound(requests, call));
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var bound = Bound(method, handler);
            context.AddDuplexStreamingMethod(method, Post, (_, requests, responses, call) => bound(requests, responses, call));
        }

        private static T Bound<T>(IMethod method, T? handler) where T : Delegate =>
            handler ?? throw new InvalidOperationException($"{method.FullName} was bound without a service object: pass one to BindService");
    }
}
