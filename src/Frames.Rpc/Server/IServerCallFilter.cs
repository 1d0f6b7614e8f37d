using Grpc.Core;

namespace FramesNet.Rpc.Server;

/// <summary>
/// A hook run before every handler (the health service's excepted), once the method is known and before the
/// request is read (authentication, admission control). Throw <see cref="RpcException"/> to refuse the call:
/// the client then gets that status as a trailers-only response.
/// </summary>
public interface IServerCallFilter
{
    ValueTask OnCallAsync(ServerCallContext context);
}
