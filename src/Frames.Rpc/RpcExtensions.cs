using Grpc.Core;

namespace FramesNet.Rpc;

/// <summary>Short forms for what Frames reads from gRPC's types again and again.</summary>
public static class RpcExtensions
{
    extension(RpcException exception)
    {
        /// <summary>The status's detail: what the server (or the client stack) said went wrong.</summary>
        public string Detail => exception.Status.Detail;
    }

    extension(Status status)
    {
        /// <summary><c>Unavailable: no worker is connected</c>: the code, and the detail when there is one (for logs and messages).</summary>
        public string Text => status.Detail.Length == 0 ? status.StatusCode.ToString() : $"{status.StatusCode}: {status.Detail}";
    }

    extension(CallOptions)
    {
        /// <summary>Options with a deadline <paramref name="timeout"/> from now.</summary>
        public static CallOptions FromTimeout(TimeSpan timeout, CancellationToken cancellationToken = default) =>
            new(deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
    }
}
