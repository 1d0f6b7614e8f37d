namespace FramesNet.Rpc;

/// <summary>Per-call settings on the client: request headers, a deadline and a cancellation token.</summary>
/// <param name="Headers">Custom request metadata (sent as HTTP/2 headers).</param>
/// <param name="Deadline">UTC instant after which the call fails with DEADLINE_EXCEEDED; sent as <c>grpc-timeout</c>.</param>
/// <param name="CancellationToken">Cancels the call (RST_STREAM to the server); the call fails with CANCELLED.</param>
public readonly record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default)
{
    /// <summary>Options with a deadline <paramref name="timeout"/> from now.</summary>
    public static CallOptions FromTimeout(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        new(Deadline: DateTime.UtcNow + timeout, CancellationToken: cancellationToken);
}
