using Grpc.Core;

namespace FramesNet.Rpc.Server;

public static class ServiceBinderExtensions
{
    /// <summary>
    /// A binder that passes every method on to <paramref name="binder"/> except those named: for a generated
    /// <c>BindService</c> whose service binds some methods itself, with marshallers of its own.
    /// </summary>
    public static ServiceBinderBase Except(this ServiceBinderBase binder, params string[] methodNames)
    {
        ArgumentNullException.ThrowIfNull(binder);
        return new ExceptBinder(binder, [.. methodNames]);
    }

    private sealed class ExceptBinder(ServiceBinderBase inner, HashSet<string> skipped) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            if (!skipped.Contains(method.Name))
                inner.AddMethod(method, handler);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!skipped.Contains(method.Name))
                inner.AddMethod(method, handler);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!skipped.Contains(method.Name))
                inner.AddMethod(method, handler);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            if (!skipped.Contains(method.Name))
                inner.AddMethod(method, handler);
        }
    }
}
