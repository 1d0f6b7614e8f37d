using System.Diagnostics;

namespace FramesNet.Cluster;

/// <summary>
/// A frames-worker child process of a <see cref="LocalCluster"/>, with the last lines it printed (for error
/// messages), passing each line on to a log when given one.
/// </summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly Action<string>? _log;
    private int _exitedRaised;

    private DaemonProcess(string name, Process process, Action<string>? log)
    {
        Name = name;
        _process = process;
        _log = log;
        _process.EnableRaisingEvents = true;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.Exited += (_, _) => RaiseExited();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Raised once when the process has exited and its output is read to the end (on a thread-pool thread),
    /// whoever stopped it. A handler attached after the exit is not called: check <see cref="HasExited"/>.
    /// </summary>
    public event Action<DaemonProcess>? Exited;

    /// <summary>The worker's id (<c>w-2</c>), as every message and log line names it.</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote to stdout or stderr.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    /// <summary>
    /// <see cref="RecentOutput"/> of a process that has exited, once its stdout and stderr have been read to
    /// their end: the exit is seen before the last lines are (a worker's own error, written just before it
    /// exits, was missing from the error under load). A descendant still holding the pipes open is not waited
    /// for longer than a few seconds.
    /// </summary>
    public async Task<string> OutputAfterExitAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A child of the daemon kept its output open: the lines read so far.
        }
        return RecentOutput;
    }

    /// <summary>Starts <paramref name="program"/> (frames-scheduler or frames-worker) from <paramref name="binDirectory"/>.</summary>
    internal static DaemonProcess Start(string name, string binDirectory, string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, Action<string>? log = null)
    {
        var apphost = Path.Combine(binDirectory, OperatingSystem.IsWindows() ? program + ".exe" : program);
        var dll = Path.Combine(binDirectory, program + ".dll");
        ProcessStartInfo start;
        if (File.Exists(apphost))
            start = new ProcessStartInfo(apphost);
        else if (File.Exists(dll))
            start = new ProcessStartInfo(DotnetHost()) { ArgumentList = { dll } };
        else
            throw new FileNotFoundException($"{program} is not in {binDirectory}: build src/Scheduler and src/Worker, or set FRAMES_BIN to their folder");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return new DaemonProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}"), log);
    }

    /// <summary>
    /// The dotnet host of the runtime running this process, so a daemon without an apphost (the FramesNet package's
    /// frames-worker) runs on the same install whatever PATH says; "dotnet" from PATH when it cannot tell.
    /// </summary>
    private static string DotnetHost()
    {
        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == exe)
            return self;
        // The runtime's folder is <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (!string.IsNullOrEmpty(runtime))
        {
            var host = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", exe));
            if (File.Exists(host))
                return host;
        }
        return exe;
    }

    /// <summary>SIGKILL: the process dies at once, as a spot instance does.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    /// <summary>SIGSTOP: the process freezes (no heartbeats, no progress) as a hung machine does; <see cref="Resume"/> thaws it.</summary>
    public void Pause() => Signal(PosixSignalKind.Stop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal(PosixSignalKind.Continue);

    private void Signal(PosixSignalKind signal)
    {
        if (!_process.HasExited)
            PosixSignals.Send(_process.Id, signal);
    }

    /// <summary>Waits until the process has exited; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        if (OperatingSystem.IsWindows())
            _process.Kill(entireProcessTree: true);
        else
        {
            Signal(PosixSignalKind.Continue); // a paused process cannot act on SIGTERM
            Signal(PosixSignalKind.Terminate);
        }
        if (!await WaitForExitAsync(grace).ConfigureAwait(false))
            Kill();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void RaiseExited()
    {
        if (Interlocked.Exchange(ref _exitedRaised, 1) != 0)
            return;
        _process.WaitForExit(); // returns once the redirected output has been read to its end
        Exited?.Invoke(this);
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        _log?.Invoke(line);
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > 40)
                _lines.Dequeue();
        }
    }
}
