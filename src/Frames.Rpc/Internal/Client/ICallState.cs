namespace FramesNet.Rpc.Internal.Client;

/// <summary>What the public call objects need from a call, whatever its request type.</summary>
internal interface ICallState : IDisposable
{
    Status? Status { get; }

    Metadata Trailers { get; }
}
