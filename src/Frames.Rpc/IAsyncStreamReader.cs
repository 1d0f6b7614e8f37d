using System.Runtime.CompilerServices;

namespace FramesNet.Rpc;

/// <summary>Reads a stream of messages: requests on the server, responses on the client.</summary>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message the last successful <see cref="MoveNextAsync"/> read.</summary>
    T Current { get; }

    /// <summary>
    /// Reads the next message; false at the end of the stream. On the client a non-OK status at the end
    /// is thrown as <see cref="RpcException"/>.
    /// </summary>
    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default);
}

public static class AsyncStreamReaderExtensions
{
    /// <summary>The rest of the stream as an async sequence (one reader at a time).</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            yield return reader.Current;
    }
}
