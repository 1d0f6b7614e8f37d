using FramesNet.Rpc.Protocol;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests.TestSupport;

/// <summary>
/// A cluster of real daemons started the way an operator starts them: a <c>frames-scheduler</c> process and
/// <c>frames-worker</c> processes, each with its own flags (unlike <see cref="LocalCluster"/>, which hosts the
/// scheduler in the test's process). Every process is killed on dispose.
/// </summary>
internal sealed class Daemons : IAsyncDisposable
{
    private readonly List<Executable> _processes = [];

    public Executable Scheduler { get; private set; } = null!;

    /// <summary>The scheduler's URL, read from its <c>listening</c> line.</summary>
    public string Url { get; private set; } = "";

    public List<Executable> Workers { get; } = [];

    /// <summary>Starts <c>frames-scheduler …</c> (<c>--port 0</c> unless a port is given) and waits for its <c>listening</c> line.</summary>
    public static async Task<Daemons> StartSchedulerAsync(params string[] flags)
    {
        var daemons = new Daemons();
        await daemons.StartSchedulerProcessAsync(flags.Contains("--port") ? flags : ["--port", "0", .. flags]);
        return daemons;
    }

    /// <summary>Starts another scheduler (e.g. after the first was stopped) with exactly these flags.</summary>
    public async Task StartSchedulerProcessAsync(IEnumerable<string> flags)
    {
        Scheduler = Executable.Start("frames-scheduler", flags, null);
        _processes.Add(Scheduler);
        var line = await Scheduler.WaitForLineAsync(" listening address=");
        Url = line[(line.IndexOf("address=", StringComparison.Ordinal) + "address=".Length)..].Trim();
    }

    /// <summary>Starts <c>frames-worker --scheduler URL …</c> (one slot unless told; not waiting for it to register).</summary>
    public Executable StartWorker(params string[] flags)
    {
        string[] slots = flags.Contains("--slots") ? [] : ["--slots", "1"];
        var worker = Executable.Start("frames-worker", ["--scheduler", Url, .. slots, .. flags], null);
        _processes.Add(worker);
        Workers.Add(worker);
        return worker;
    }

    /// <summary>Polls the scheduler's GetStatus until <paramref name="condition"/> holds (60 s at most, as a safety net; the daemons' output then).</summary>
    public async Task<StatusReply> WaitForStatusAsync(Cluster cluster, Func<StatusReply, bool> condition, string what)
    {
        using var patience = new CancellationTokenSource(Patience.Wait);
        while (true)
        {
            var status = await cluster.StatusAsync();
            if (condition(status))
                return status;
            if (patience.IsCancellationRequested)
                throw new TimeoutException($"still waiting for {what}; status: {status}{Output()}");
            await Task.Delay(20);
        }
    }

    private string Output() =>
        string.Concat(_processes.Select(p => $"\n--- {p.Program} ({(p.HasExited ? "exited" : "running")}):\n{p.Stdout}{p.Stderr}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            process.Dispose();
        await Task.CompletedTask;
    }
}
