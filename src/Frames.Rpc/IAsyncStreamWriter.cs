namespace FramesNet.Rpc;

/// <summary>
/// Writes a stream of messages. Each write is flushed to the peer before it completes; one write at a
/// time (a second concurrent write throws <see cref="InvalidOperationException"/>).
/// </summary>
public interface IAsyncStreamWriter<in T>
{
    ValueTask WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>The client's request stream: a writer that also ends the stream.</summary>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Half-closes the call: tells the server no more requests will come.</summary>
    Task CompleteAsync();
}
