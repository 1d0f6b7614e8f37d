using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FramesNet.Rpc;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Protocol;

namespace FramesNet.Cluster;

/// <summary>
/// A scheduler and N workers as processes on this machine's loopback: for notebooks, tests and trying
/// the cluster out. <c>frames local --workers N</c> is the same from the command line.
/// </summary>
/// <example><code>
/// await using var local = await LocalCluster.StartAsync(2);
/// await using var cluster = await local.ConnectAsync();
/// var n = await cluster.ReadCsv("/data/trips-*.csv").CountAsync();
/// </code></example>
public sealed class LocalCluster : IAsyncDisposable
{
    private readonly LocalClusterOptions _options;
    private readonly string _bin;
    private readonly List<DaemonProcess> _workers = [];
    private readonly string? _token;

    private readonly int _slots;

    private LocalCluster(LocalClusterOptions options, string bin, DaemonProcess scheduler, string url, string? token, int slots)
    {
        _options = options;
        _slots = slots;
        _bin = bin;
        Scheduler = scheduler;
        Url = url;
        _token = token;
    }

    /// <summary>The scheduler's URL.</summary>
    public string Url { get; }

    public DaemonProcess Scheduler { get; }

    public IReadOnlyList<DaemonProcess> Workers => _workers;

    /// <summary>Time from the call to every worker being registered.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Starts the scheduler and <paramref name="workers"/> workers, and returns once all workers have registered.</summary>
    public static async Task<LocalCluster> StartAsync(int workers, LocalClusterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 0);
        options ??= new LocalClusterOptions();
        var clock = Stopwatch.StartNew();
        var bin = FindBinaries(options);
        var port = options.Port > 0 ? options.Port : FreePort();
        var url = $"http://127.0.0.1:{port}";
        var arguments = new List<string> { "--port", port.ToString(), "--host", "127.0.0.1" };
        if (options.TokenFile is not null)
            arguments.AddRange(["--token-file", options.TokenFile]);
        if (options.HeartbeatMilliseconds is { } heartbeat)
            arguments.AddRange(["--heartbeat-ms", heartbeat.ToString()]);
        var scheduler = DaemonProcess.Start("scheduler", bin, "frames-scheduler", arguments);
        var token = options.TokenFile is null ? null : File.ReadAllText(options.TokenFile).Trim();
        var slots = options.SlotsPerWorker ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, workers));
        var cluster = new LocalCluster(options, bin, scheduler, url, token, slots);
        try
        {
            for (var i = 0; i < workers; i++)
                cluster.StartWorker();
            await cluster.WaitForWorkersAsync(workers, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        cluster.StartTime = clock.Elapsed;
        return cluster;
    }

    /// <summary>A client connected to this cluster.</summary>
    public Task<Cluster> ConnectAsync(ClusterOptions? options = null, CancellationToken cancellationToken = default) =>
        Cluster.ConnectAsync(Url, (options ?? new ClusterOptions()) with { Token = _token }, cancellationToken);

    /// <summary>Starts one more worker (it joins running jobs) and returns once it has registered.</summary>
    public async Task<DaemonProcess> AddWorkerAsync(CancellationToken cancellationToken = default)
    {
        var worker = StartWorker();
        await WaitForWorkersAsync(_workers.Count(w => !w.HasExited), cancellationToken).ConfigureAwait(false);
        return worker;
    }

    private DaemonProcess StartWorker()
    {
        var index = _workers.Count;
        var arguments = new List<string> { "--scheduler", Url, "--slots", _slots.ToString(), "--host", "127.0.0.1" };
        var hostName = _options.HostNames is { } names && index < names.Count ? names[index] : $"worker-{index + 1}";
        arguments.AddRange(["--host-name", hostName]);
        if (_options.DataRoots is { } roots && index < roots.Count)
            foreach (var root in roots[index])
                arguments.AddRange(["--data-root", root]);
        if (_options.TokenFile is not null)
            arguments.AddRange(["--token-file", _options.TokenFile]);
        var worker = DaemonProcess.Start(hostName, _bin, "frames-worker", arguments);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Polls the scheduler until <paramref name="count"/> workers are connected, a daemon dies, or start-up times out.</summary>
    private async Task WaitForWorkersAsync(int count, CancellationToken cancellationToken)
    {
        using var channel = RpcChannel.Create(Url, new RpcChannelOptions { BearerToken = _token, ConnectTimeout = TimeSpan.FromSeconds(2) });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var daemon in _workers.Prepend(Scheduler))
                if (daemon.HasExited && (daemon == Scheduler || count == _workers.Count))
                    throw new InvalidOperationException($"{daemon.Name} exited with code {daemon.ExitCode} during start-up:\n{daemon.RecentOutput}");
            try
            {
                var status = await channel.UnaryAsync(SchedulerApi.GetStatus, new StatusRequest(), CallOptions.FromTimeout(TimeSpan.FromSeconds(2), cancellationToken))
                    .ConfigureAwait(false);
                if (status.Workers.Count >= count)
                    return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                // not listening yet
            }
            if (deadline.Elapsed > _options.StartTimeout)
                throw new TimeoutException($"the local cluster did not have {count} workers after {_options.StartTimeout.TotalSeconds} s; scheduler said:\n{Scheduler.RecentOutput}");
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every worker and the scheduler (SIGTERM, then SIGKILL after a grace period).</summary>
    public async ValueTask DisposeAsync()
    {
        var grace = TimeSpan.FromSeconds(5);
        await Task.WhenAll(_workers.Select(w => w.StopAsync(grace))).ConfigureAwait(false);
        await Scheduler.StopAsync(grace).ConfigureAwait(false);
        foreach (var daemon in _workers.Append(Scheduler))
            daemon.Dispose();
    }

    private static string FindBinaries(LocalClusterOptions options)
    {
        var candidates = new[]
        {
            options.BinDirectory,
            Environment.GetEnvironmentVariable("FRAMES_BIN"),
            AppContext.BaseDirectory,
            Path.GetDirectoryName(typeof(LocalCluster).Assembly.Location),
        };
        foreach (var folder in candidates)
            if (!string.IsNullOrEmpty(folder) && File.Exists(Path.Combine(folder, "frames-scheduler.dll")) && File.Exists(Path.Combine(folder, "frames-worker.dll")))
                return folder;
        throw new FileNotFoundException(
            "frames-scheduler and frames-worker were not found beside this program; set LocalClusterOptions.BinDirectory or FRAMES_BIN to the folder holding them (e.g. the output of `dotnet build src/Cli`)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
