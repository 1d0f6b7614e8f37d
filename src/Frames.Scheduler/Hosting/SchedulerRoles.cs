using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Server;

namespace FramesNet.Scheduler.Hosting;

/// <summary>
/// Who may call what on the scheduler: workers (the worker token) register and hold their Connect stream;
/// clients (the client token) do everything else. With one token for both, its holder is both.
/// </summary>
internal static class SchedulerRoles
{
    /// <summary>The filter for <paramref name="options"/>' tokens; null when the scheduler checks none.</summary>
    public static RoleTokenFilter? Filter(SchedulerOptions options)
    {
        if (options.EffectiveWorkerToken is not { } workerToken || options.EffectiveClientToken is not { } clientToken)
            return null;
        var workers = new TokenRole("worker", workerToken);
        var clients = new TokenRole("client", clientToken);
        IReadOnlyList<TokenRole> workerOnly = [workers];
        IReadOnlyList<TokenRole> clientOnly = [clients];
        var workerMethods = new HashSet<string>(StringComparer.Ordinal) { SchedulerApi.RegisterWorker, SchedulerApi.Connect };
        return new RoleTokenFilter([workers, clients], method => workerMethods.Contains(method) ? workerOnly : clientOnly);
    }

    /// <summary>Checks that the tokens make sense together: none, or one for each role.</summary>
    public static void Validate(SchedulerOptions options)
    {
        if ((options.EffectiveWorkerToken is null) != (options.EffectiveClientToken is null))
        {
            throw new ArgumentException(options.EffectiveWorkerToken is null
                ? "a client token without a worker token would let anyone join as a worker: give WorkerToken (--worker-token-file) or Token (--token-file)"
                : "a worker token without a client token would let anyone submit jobs: give ClientToken (--client-token-file) or Token (--token-file)");
        }
        foreach (var token in new[] { options.Token, options.WorkerToken, options.ClientToken })
        {
            if (token is { Length: 0 })
                throw new ArgumentException("a token is empty");
        }
    }
}
