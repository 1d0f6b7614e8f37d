using System.Security.Cryptography;
using System.Text;

namespace FramesNet.Rpc.Server;

/// <summary>Refuses calls without <c>authorization: Bearer &lt;token&gt;</c> with UNAUTHENTICATED (16).</summary>
public sealed class BearerTokenFilter : IServerCallFilter
{
    private const string Scheme = "Bearer ";
    private readonly byte[] _token;

    public BearerTokenFilter(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _token = Encoding.UTF8.GetBytes(token);
    }

    public ValueTask OnCallAsync(ServerCallContext context)
    {
        var values = context.HttpContext.Request.Headers.Authorization;
        if (values.Count == 0)
            throw new RpcException(StatusCode.Unauthenticated, "missing bearer token: send 'authorization: Bearer <token>'");
        if (values.Count != 1 || !Matches(values[0]))
            throw new RpcException(StatusCode.Unauthenticated, "invalid bearer token");
        return ValueTask.CompletedTask;
    }

    private bool Matches(string? header)
    {
        if (header is null || header.Length <= Scheme.Length || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        // Constant-time comparison: a timing side channel must not reveal how much of the token matched.
        var given = Encoding.UTF8.GetBytes(header.AsSpan(Scheme.Length).Trim().ToString());
        return CryptographicOperations.FixedTimeEquals(given, _token);
    }
}
