namespace FramesNet.Rpc;

/// <summary>
/// A call that ended with a non-OK status. Thrown by the client for every failed call (including local
/// cancellation, deadline and transport failures); thrown by a server handler to answer with a status.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public RpcException(Status status, Metadata? trailers = null, Exception? innerException = null)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Trailers = trailers ?? Metadata.Empty;
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.Code;

    /// <summary>The peer's (or the local layer's) message, without the code.</summary>
    public string Detail => Status.Detail;

    /// <summary>Custom trailers the server sent with the status (empty for local failures).</summary>
    public Metadata Trailers { get; }
}
