using Grpc.Core;

namespace FramesNet.Rpc.Client;

/// <summary>
/// Writes to a call's request stream that fail with the status the server ended the call with. When the server
/// answers first (a refused token, a handler that failed) Grpc.Net.Client aborts the request; a write that
/// loses that race throws CANCELLED without a detail instead of the server's status. These writes then read the
/// call's end and throw what the server said.
/// </summary>
public static class RequestWrites
{
    /// <summary>
    /// Writes <paramref name="message"/>; on a CANCELLED that <paramref name="callToken"/> (the token the call was
    /// made with) did not cause, reads the response stream to its end for the server's status. Only for a caller
    /// that is not reading the response stream at the same time.
    /// </summary>
    public static async Task WriteOrStatusAsync<TRequest, TResponse>(this AsyncDuplexStreamingCall<TRequest, TResponse> call, TRequest message,
        CancellationToken callToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call.RequestStream.WriteAsync(message).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && !callToken.IsCancellationRequested)
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
            }
            throw;
        }
    }

    /// <summary>Writes <paramref name="message"/>; on a CANCELLED that <paramref name="callToken"/> did not cause, throws the call's status.</summary>
    public static async Task WriteOrStatusAsync<TRequest, TResponse>(this AsyncClientStreamingCall<TRequest, TResponse> call, TRequest message,
        CancellationToken callToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call.RequestStream.WriteAsync(message).ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && !callToken.IsCancellationRequested)
        {
            await call.ResponseAsync.ConfigureAwait(false);
            throw;
        }
    }
}
