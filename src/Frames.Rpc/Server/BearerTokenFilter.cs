using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace FramesNet.Rpc.Server;

/// <summary>Refuses calls without <c>authorization: Bearer &lt;token&gt;</c> with UNAUTHENTICATED (16). <see cref="RoleTokenFilter"/> gives tokens roles.</summary>
public sealed class BearerTokenFilter : IServerCallFilter
{
    private readonly byte[] _token;

    public BearerTokenFilter(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _token = Encoding.UTF8.GetBytes(token);
    }

    public ValueTask OnCallAsync(ServerCallContext context)
    {
        // Constant-time comparison: a timing side channel must not reveal how much of the token matched.
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(BearerToken.Read(context)), _token))
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid bearer token"));
        return ValueTask.CompletedTask;
    }
}
