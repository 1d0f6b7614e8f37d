using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;

namespace FramesNet.Rpc.Server;

/// <summary>
/// The services a server answers, each bound by its generated <c>BindService</c> (or by hand, for methods
/// with marshallers of their own) to a service object that lives as long as the server. Methods not
/// bound here are answered UNIMPLEMENTED.
/// </summary>
/// <example><code>
/// var services = new RpcServices().Add(Scheduler.Descriptor.FullName... // see docs/rpc.md
/// </code></example>
public sealed class RpcServices
{
    private readonly List<(string Name, Action<ServiceBinderBase> Bind, Func<ServiceDescriptor>? Descriptor)> _services = [];

    /// <summary>The fully qualified names of the services added so far (<c>frames.v1.Scheduler</c>).</summary>
    public IReadOnlyList<string> Names => _services.Select(s => s.Name).ToList();

    /// <summary>
    /// Adds a service: <paramref name="bind"/> adds its methods with their handlers (e.g.
    /// <c>binder => Scheduler.BindService(binder, impl)</c>); <paramref name="descriptor"/> describes it to the
    /// reflection service, and is called only when a reflection client first asks (building a file's
    /// descriptor reflects over all its messages, which would cost every process at start-up); a service
    /// without one (methods made by hand, no .proto) is served but not listed by reflection.
    /// </summary>
    public RpcServices Add(string name, Action<ServiceBinderBase> bind, Func<ServiceDescriptor>? descriptor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(bind);
        if (_services.Any(s => s.Name == name))
            throw new ArgumentException($"service {name} was added already", nameof(name));
        _services.Add((name, bind, descriptor));
        return this;
    }

    internal IReadOnlyList<Action<ServiceBinderBase>> WithStandardServices(HealthServiceImpl health)
    {
        var descriptors = new Lazy<ServiceDescriptor[]>(() =>
        [
            .. _services.Where(s => s.Descriptor is not null).Select(s => s.Descriptor!()),
            Grpc.Health.V1.Health.Descriptor,
            Grpc.Reflection.V1.ServerReflection.Descriptor,
            Grpc.Reflection.V1Alpha.ServerReflection.Descriptor,
        ]);
        var v1 = new Lazy<Grpc.Reflection.ReflectionV1ServiceImpl>(() => new(descriptors.Value));
        var v1Alpha = new Lazy<Grpc.Reflection.ReflectionServiceImpl>(() => new(descriptors.Value));
        return
        [
            .. _services.Select(s => s.Bind),
            binder => Grpc.Health.V1.Health.BindService(binder, health),
            binder => Grpc.Reflection.V1.ServerReflection.BindService(binder, new LazyReflectionV1(v1)),
            binder => Grpc.Reflection.V1Alpha.ServerReflection.BindService(binder, new LazyReflectionV1Alpha(v1Alpha)),
        ];
    }

    /// <summary>Server reflection (v1) whose descriptors are built at its first call.</summary>
    private sealed class LazyReflectionV1(Lazy<Grpc.Reflection.ReflectionV1ServiceImpl> impl) : Grpc.Reflection.V1.ServerReflection.ServerReflectionBase
    {
        public override Task ServerReflectionInfo(IAsyncStreamReader<Grpc.Reflection.V1.ServerReflectionRequest> requestStream,
            IServerStreamWriter<Grpc.Reflection.V1.ServerReflectionResponse> responseStream, ServerCallContext context) =>
            impl.Value.ServerReflectionInfo(requestStream, responseStream, context);
    }

    /// <summary>Server reflection (v1alpha, which older grpcurl builds ask) whose descriptors are built at its first call.</summary>
    private sealed class LazyReflectionV1Alpha(Lazy<Grpc.Reflection.ReflectionServiceImpl> impl) : Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionBase
    {
        public override Task ServerReflectionInfo(IAsyncStreamReader<Grpc.Reflection.V1Alpha.ServerReflectionRequest> requestStream,
            IServerStreamWriter<Grpc.Reflection.V1Alpha.ServerReflectionResponse> responseStream, ServerCallContext context) =>
            impl.Value.ServerReflectionInfo(requestStream, responseStream, context);
    }
}
