using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FramesNet.Rpc.Daemons;
using FramesNet.Rpc.Protocol;
using FramesNet.Rpc.Logging;
using FramesNet.Scheduler.Hosting;

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
    private readonly Dictionary<string, TextWriter> _logFiles = [];
    private readonly string? _token;
    private readonly int _slots;

    private LocalCluster(LocalClusterOptions options, string bin, string url, string? token, int slots)
    {
        _options = options;
        _bin = bin;
        _token = token;
        _slots = slots;
        Url = url;
        if (options.LogDirectory is { } folder)
            Directory.CreateDirectory(folder);
    }

    /// <summary>The scheduler's URL.</summary>
    public string Url { get; }

    /// <summary>
    /// The scheduler, hosted in this process (as Dask's LocalCluster hosts its scheduler): one process
    /// fewer to start, and readiness is known without a round trip.
    /// </summary>
    public SchedulerHost Scheduler { get; private set; } = null!;

    public IReadOnlyList<DaemonProcess> Workers => _workers;

    /// <summary>Time from the call to every worker being registered.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Starts the scheduler and <paramref name="workers"/> workers, and returns once all workers have registered.</summary>
    public static Task<LocalCluster> StartAsync(int workers, LocalClusterOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(workers, options, retryOnPortTaken: true, cancellationToken);

    private static async Task<LocalCluster> StartAsync(int workers, LocalClusterOptions? options, bool retryOnPortTaken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 0);
        options ??= new LocalClusterOptions();
        var clock = Stopwatch.StartNew();
        var bin = FindBinaries(options);
        var token = options.TokenFile is null ? null : CredentialFiles.ReadToken(nameof(LocalClusterOptions.TokenFile), options.TokenFile);
        var slots = options.SlotsPerWorker ?? Math.Max(1, Environment.ProcessorCount / Math.Max(1, workers));
        var port = options.Port > 0 ? options.Port : FreePort();
        var cluster = new LocalCluster(options, bin, $"http://127.0.0.1:{port}", token, slots);
        var schedulerOptions = new SchedulerOptions
        {
            Host = IPAddress.Loopback,
            Port = options.Port,
            Token = token,
            // Its workers are its own: they go when it goes.
            ShutdownWorkersOnStop = true,
            LoggerFactory = cluster.SchedulerLoggers(),
        };
        if (options.HeartbeatMilliseconds is { } heartbeat)
            schedulerOptions.HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeat);
        ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
        ThreadPool.SetMinThreads(Math.Max(minWorkers, 32), minIo);
        try
        {
            // The workers go first: their runtimes start while this process starts the scheduler (they
            // retry registration until it listens), which saves most of the scheduler's start-up time.
            for (var i = 0; i < workers; i++)
                cluster.StartWorker();
            schedulerOptions.Port = port;
            cluster.Scheduler = await SchedulerHost.StartAsync(schedulerOptions, cancellationToken).ConfigureAwait(false);
            await cluster.WaitForWorkersAsync(workers, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (options.Port == 0 && retryOnPortTaken)
        {
            // The free port chosen for the scheduler was taken before it could bind: once more, on another.
            await cluster.DisposeAsync().ConfigureAwait(false);
            return await StartAsync(workers, options, retryOnPortTaken: false, cancellationToken).ConfigureAwait(false);
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
        var index = _workers.Count;
        var id = StartWorker().Name;
        await WaitForAsync(status => status.Workers.Any(w => w.WorkerId == id), $"worker {id} to register", [index], cancellationToken)
            .ConfigureAwait(false);
        return _workers[index];
    }

    private DaemonProcess StartWorker() => StartWorker(_workers.Count, FreePort());

    /// <summary>Starts worker <paramref name="index"/> (replacing a dead one of that index) on <paramref name="port"/>.</summary>
    private DaemonProcess StartWorker(int index, int port)
    {
        // Worker i asks for id w-(i+1), which a fresh scheduler gives: the process, its log lines and every
        // message about it use that one name.
        var id = $"w-{index + 1}";
        var arguments = new List<string> { "--scheduler", Url, "--id", id, "--slots", _slots.ToString(), "--host", "127.0.0.1", "--port", port.ToString() };
        if (_options.HostNames is { } names && index < names.Count)
            arguments.AddRange(["--host-name", names[index]]);
        if (_options.DataRoots is { } roots && index < roots.Count)
            foreach (var root in roots[index])
                arguments.AddRange(["--data-root", root]);
        if (_options.TokenFile is not null)
            arguments.AddRange(["--token-file", _options.TokenFile]);
        if (_options.ShareDirectory is not null)
            arguments.AddRange(["--share-dir", _options.ShareDirectory]);
        var worker = DaemonProcess.Start(id, _bin, "frames-worker", arguments, _options.WorkerEnvironment, WorkerLog(id));
        if (index == _workers.Count)
            _workers.Add(worker);
        else
            _workers[index] = worker;
        return worker;
    }

    private Task WaitForWorkersAsync(int count, CancellationToken cancellationToken) =>
        WaitForAsync(status => status.Workers.Count >= count, $"{count} workers", [.. Enumerable.Range(0, count)], cancellationToken);

    /// <summary>
    /// Polls the scheduler until <paramref name="ready"/> holds, one of the <paramref name="starting"/> workers
    /// dies twice, or start-up times out. A worker that dies once is restarted with port 0: the port chosen
    /// for it may have been taken by another program meanwhile.
    /// </summary>
    private async Task WaitForAsync(Func<StatusReply, bool> ready, string what, IReadOnlyList<int> starting, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var restarted = new HashSet<int>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ready(await Scheduler.GetStatusAsync().ConfigureAwait(false)))
                return;
            foreach (var index in starting)
            {
                var worker = _workers[index];
                if (!worker.HasExited)
                    continue;
                if (!restarted.Add(index))
                    throw new WorkerStartException(worker.Name, worker.ExitCode, await worker.OutputAfterExitAsync().ConfigureAwait(false));
                worker.Dispose();
                StartWorker(index, 0);
            }
            if (deadline.Elapsed > _options.StartTimeout)
                throw new TimeoutException($"the local cluster was still waiting for {what} after {_options.StartTimeout.TotalSeconds} s");
            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the scheduler (which tells the workers to shut down), then every worker (SIGTERM, then SIGKILL after a grace period).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Scheduler is not null)
            await Scheduler.StopAsync().ConfigureAwait(false);
        var grace = TimeSpan.FromSeconds(5);
        await Task.WhenAll(_workers.Select(w => w.StopAsync(grace))).ConfigureAwait(false);
        foreach (var worker in _workers)
            worker.Dispose();
        lock (_logFiles)
        {
            foreach (var file in _logFiles.Values)
                file.Dispose();
            _logFiles.Clear();
        }
    }

    /// <summary>The scheduler's log: <see cref="LocalClusterOptions.SchedulerLog"/> and/or scheduler.log in the log folder.</summary>
    private LineLoggerFactory? SchedulerLoggers()
    {
        var writers = new List<TextWriter>();
        if (_options.SchedulerLog is { } log)
            writers.Add(log);
        if (LogFile("scheduler") is { } file)
            writers.Add(file);
        return writers.Count switch
        {
            0 => null,
            1 => new LineLoggerFactory(TextWriter.Synchronized(writers[0])),
            _ => new LineLoggerFactory(new LineTee(writers)),
        };
    }

    /// <summary>Where worker <paramref name="id"/>'s lines go besides its recent-output buffer: <see cref="LocalClusterOptions.WorkerLog"/>, its file.</summary>
    private Action<string>? WorkerLog(string id)
    {
        var console = _options.WorkerLog;
        var file = LogFile(id);
        if (console is null && file is null)
            return null;
        var prefix = $"[{id}] ";
        return line =>
        {
            if (console is not null)
            {
                lock (console)
                    console.WriteLine(prefix + line);
            }
            if (file is not null)
            {
                lock (file)
                    file.WriteLine(line);
            }
        };
    }

    /// <summary>The log file <c>NAME.log</c> in the log folder, appended to (a restarted worker goes on in its predecessor's); null without a folder.</summary>
    private TextWriter? LogFile(string name)
    {
        if (_options.LogDirectory is not { } folder)
            return null;
        lock (_logFiles)
        {
            if (!_logFiles.TryGetValue(name, out var file))
            {
                file = new StreamWriter(Path.Combine(folder, name + ".log"), append: true) { AutoFlush = true };
                _logFiles[name] = file;
            }
            return file;
        }
    }

    /// <summary>The folder, beside a consumer's program, where the FramesNet package's build step puts frames-worker.</summary>
    internal const string DaemonFolder = "frames-daemons";

    private static string FindBinaries(LocalClusterOptions options)
    {
        // In order: what the caller says; beside this program (the repository's builds, the frames tool); the
        // frames-daemons folder the FramesNet package puts into a consumer's build and publish output; the package's
        // own tools folder when FramesNet.dll is loaded from the package (a notebook's #r "nuget: FramesNet"): the worker
        // precompiled for this platform if the package has it, else the portable one (docs/deploy.md).
        var library = Path.GetDirectoryName(typeof(LocalCluster).Assembly.Location);
        var packageTools = string.IsNullOrEmpty(library) ? null : Path.Combine(library, "..", "..", "tools");
        var candidates = new[]
        {
            options.BinDirectory,
            Environment.GetEnvironmentVariable("FRAMES_BIN"),
            AppContext.BaseDirectory,
            library,
            Path.Combine(AppContext.BaseDirectory, DaemonFolder),
            packageTools is null ? null : Path.Combine(packageTools, "frames-worker-" + System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier),
            packageTools is null ? null : Path.Combine(packageTools, "frames-worker"),
        };
        foreach (var folder in candidates)
            if (!string.IsNullOrEmpty(folder) && File.Exists(Path.Combine(folder, "frames-worker.dll")))
                return folder;
        throw new FileNotFoundException(
            $"frames-worker was not found beside this program nor in its {DaemonFolder} folder (a project referencing the FramesNet package gets it there when built); " +
            "set LocalClusterOptions.BinDirectory or FRAMES_BIN to the folder holding frames-worker.dll (e.g. the output of `dotnet build src/Cli`)");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
