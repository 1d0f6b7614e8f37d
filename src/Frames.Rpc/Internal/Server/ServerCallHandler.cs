using FramesNet.Rpc.Server;

namespace FramesNet.Rpc.Internal.Server;

/// <summary>Runs one method's handler for one call; one subclass per RPC shape.</summary>
internal abstract class ServerCallHandler(string fullName, MethodType type)
{
    public string FullName { get; } = fullName;

    public MethodType Type { get; } = type;

    /// <summary>Reads the request(s), runs the handler and writes the response(s); the status is written by the caller.</summary>
    public abstract Task HandleAsync(ServerCallContext call);
}
