using Grpc.Core;

namespace FramesNet.Rpc.Server;

/// <summary>Reads the token of a call's <c>authorization: Bearer &lt;token&gt;</c> header, or refuses the call UNAUTHENTICATED.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    public static string Read(ServerCallContext context)
    {
        var values = context.GetHttpContext().Request.Headers.Authorization;
        if (values.Count == 0)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing bearer token: send 'authorization: Bearer <token>'"));
        var header = values.Count == 1 ? values[0] : null;
        if (header is null || header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid bearer token"));
        return header.AsSpan(Scheme.Length).Trim().ToString();
    }
}
