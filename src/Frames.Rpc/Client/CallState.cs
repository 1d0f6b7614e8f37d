using FramesNet.Rpc.Internal.Client;

namespace FramesNet.Rpc.Client;

/// <summary>What every client call object offers once the call has finished: its status and trailers.</summary>
public abstract class CallState : IDisposable
{
    private readonly ICallState _call;

    private protected CallState(ICallState call) => _call = call;

    /// <summary>The final status; throws if the call has not finished yet.</summary>
    public Status GetStatus() => _call.Status ?? throw new InvalidOperationException("the call has not finished yet");

    /// <summary>The server's trailers; throws if the call has not finished yet.</summary>
    public Metadata GetTrailers() => _call.Status is null ? throw new InvalidOperationException("the call has not finished yet") : _call.Trailers;

    /// <summary>Releases the call; one not finished yet is cancelled (RST_STREAM).</summary>
    public void Dispose() => _call.Dispose();
}
