using Grpc.Core;

namespace FramesNet.Rpc.Server;

/// <summary>
/// Bearer tokens with roles: every call must carry <c>authorization: Bearer &lt;token&gt;</c> proving one of
/// the roles its method admits. A missing token, or one proving no role, is UNAUTHENTICATED; a token of a
/// role the method does not admit is PERMISSION_DENIED, naming the role it needs (a client's token cannot
/// register a worker, a worker's cannot submit jobs). One token may prove several roles.
/// </summary>
public sealed class RoleTokenFilter : IServerCallFilter
{
    private readonly TokenRole[] _roles;
    private readonly Func<string, IReadOnlyList<TokenRole>> _admitted;

    /// <param name="roles">Every role a token may prove.</param>
    /// <param name="admitted">The roles a method (its path, <c>/package.Service/Method</c>) admits.</param>
    public RoleTokenFilter(IReadOnlyList<TokenRole> roles, Func<string, IReadOnlyList<TokenRole>> admitted)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(admitted);
        _roles = [.. roles];
        _admitted = admitted;
    }

    public ValueTask OnCallAsync(ServerCallContext context)
    {
        var token = BearerToken.Read(context);
        var digest = TokenRole.Digest(token);
        var admitted = _admitted(context.Method);
        foreach (var role in admitted)
        {
            if (role.Matches(digest))
                return ValueTask.CompletedTask;
        }
        var held = _roles.Where(r => r.Matches(digest)).ToList();
        if (held.Count == 0)
            throw new RpcException(new Status(StatusCode.Unauthenticated, "invalid bearer token"));
        throw new RpcException(new Status(StatusCode.PermissionDenied,
            $"{context.Method} needs the {string.Join(" or ", admitted)} token; this is the {string.Join(" and ", held)} token"));
    }
}
