using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace FramesNet.Rpc;

/// <summary>
/// One RPC method: its shape, its names and how to parse its messages. Client and server share the same
/// instance; its <see cref="FullName"/> is the HTTP/2 path, <c>/package.Service/Method</c>.
/// </summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public Method(MethodType type, string serviceName, string name, MessageParser<TRequest> requestParser, MessageParser<TResponse> responseParser)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (serviceName.Contains('/') || name.Contains('/'))
            throw new ArgumentException($"service and method names may not contain '/': '{serviceName}', '{name}'");
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = $"/{serviceName}/{name}";
        RequestParser = requestParser ?? throw new ArgumentNullException(nameof(requestParser));
        ResponseParser = responseParser ?? throw new ArgumentNullException(nameof(responseParser));
    }

    public MethodType Type { get; }

    /// <summary>The fully qualified service name, e.g. <c>frames.v1.Scheduler</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The method's simple name, e.g. <c>SubmitGraph</c>.</summary>
    public string Name { get; }

    /// <summary>The request path: <c>/frames.v1.Scheduler/SubmitGraph</c>.</summary>
    public string FullName { get; }

    public MessageParser<TRequest> RequestParser { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    public override string ToString() => FullName;
}

/// <summary>Builds <see cref="Method{TRequest, TResponse}"/> from the descriptors Grpc.Tools generates.</summary>
public static class Method
{
    /// <summary>
    /// The method <paramref name="name"/> of a generated service descriptor (e.g.
    /// <c>FramesReflection.Descriptor.Services[0]</c>), checked against the message types given, so a
    /// mismatch between the .proto and the code fails at start-up, not on the wire.
    /// </summary>
    public static Method<TRequest, TResponse> FromDescriptor<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(service);
        var method = service.FindMethodByName(name)
            ?? throw new ArgumentException($"service {service.FullName} has no method '{name}'", nameof(name));
        Check(method, "request", method.InputType, typeof(TRequest));
        Check(method, "response", method.OutputType, typeof(TResponse));
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        return new Method<TRequest, TResponse>(type, service.FullName, method.Name,
            (MessageParser<TRequest>)method.InputType.Parser, (MessageParser<TResponse>)method.OutputType.Parser);
    }

    private static void Check(MethodDescriptor method, string role, MessageDescriptor declared, Type given)
    {
        if (declared.ClrType != given)
            throw new ArgumentException(
                $"{method.FullName}: the {role} type is {declared.FullName} ({declared.ClrType?.Name}), not {given.Name}");
    }
}
