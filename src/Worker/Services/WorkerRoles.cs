using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;

namespace FramesNet.Worker.Services;

/// <summary>
/// Who may call what on a worker: the worker token (peers, the scheduler) everything; the client token —
/// known by its digest, which the scheduler tells the worker at registration — reading and writing
/// partitions and Health, so a client can gather its results.
/// </summary>
internal sealed class WorkerRoles
{
    private static readonly HashSet<string> ClientMethods = new(StringComparer.Ordinal)
    {
        WorkerApi.FetchPartition, WorkerApi.SharePartition, WorkerApi.PutPartition, WorkerApi.Health,
    };

    private readonly TokenRole _workers;
    private readonly TokenRole _clients = new("client");

    public WorkerRoles(string workerToken) => _workers = new TokenRole("worker", workerToken);

    public RoleTokenFilter Filter()
    {
        IReadOnlyList<TokenRole> both = [_workers, _clients];
        IReadOnlyList<TokenRole> workerOnly = [_workers];
        return new RoleTokenFilter(both, method => ClientMethods.Contains(method) ? both : workerOnly);
    }

    /// <summary>The client token's digest from the scheduler's registration reply (empty: no client may call).</summary>
    public void ClientTokenIs(ReadOnlySpan<byte> digest) =>
        _clients.ReplaceDigest(digest.Length == System.Security.Cryptography.SHA256.HashSizeInBytes ? digest : []);
}
