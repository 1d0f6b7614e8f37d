using System.Collections.Frozen;
using FramesNet.Rpc.Internal.Server;
using Google.Protobuf;

namespace FramesNet.Rpc.Server;

/// <summary>
/// The methods a server answers: each <see cref="Method{TRequest, TResponse}"/> paired with its handler.
/// Methods not added here are answered UNIMPLEMENTED.
/// </summary>
public sealed class RpcServices
{
    private readonly Dictionary<string, ServerCallHandler> _handlers = new(StringComparer.Ordinal);

    /// <summary>The paths of the methods added so far.</summary>
    public IReadOnlyCollection<string> Methods => _handlers.Keys;

    public RpcServices AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.Unary, handler, () => new UnaryServerCallHandler<TRequest, TResponse>(method, handler));

    public RpcServices AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.ServerStreaming, handler, () => new ServerStreamingServerCallHandler<TRequest, TResponse>(method, handler));

    public RpcServices AddClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.ClientStreaming, handler, () => new ClientStreamingServerCallHandler<TRequest, TResponse>(method, handler));

    public RpcServices AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingHandler<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse> =>
        Add(method, MethodType.DuplexStreaming, handler, () => new DuplexStreamingServerCallHandler<TRequest, TResponse>(method, handler));

    internal FrozenDictionary<string, ServerCallHandler> Freeze() => _handlers.ToFrozenDictionary(StringComparer.Ordinal);

    private RpcServices Add<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType shape, Delegate handler, Func<ServerCallHandler> create)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        if (method.Type != shape)
            throw new ArgumentException($"{method.FullName} is {method.Type}; it cannot take a {shape} handler", nameof(method));
        if (!_handlers.TryAdd(method.FullName, create()))
            throw new ArgumentException($"{method.FullName} already has a handler", nameof(method));
        return this;
    }
}
