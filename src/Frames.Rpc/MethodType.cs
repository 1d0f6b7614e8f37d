namespace FramesNet.Rpc;

/// <summary>The four RPC shapes.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>Streams both ways, independent of each other.</summary>
    DuplexStreaming,
}
