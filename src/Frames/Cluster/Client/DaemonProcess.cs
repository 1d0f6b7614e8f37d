using System.Diagnostics;

namespace FramesNet.Cluster;

/// <summary>A frames-scheduler or frames-worker child process, with the last lines it printed (for error messages).</summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private DaemonProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

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

    /// <summary>Starts <paramref name="program"/> (frames-scheduler or frames-worker) from <paramref name="binDirectory"/>.</summary>
    internal static DaemonProcess Start(string name, string binDirectory, string program, IEnumerable<string> arguments)
    {
        var apphost = Path.Combine(binDirectory, OperatingSystem.IsWindows() ? program + ".exe" : program);
        var dll = Path.Combine(binDirectory, program + ".dll");
        ProcessStartInfo start;
        if (File.Exists(apphost))
            start = new ProcessStartInfo(apphost);
        else if (File.Exists(dll))
            start = new ProcessStartInfo("dotnet") { ArgumentList = { dll } };
        else
            throw new FileNotFoundException($"{program} is not in {binDirectory}: build src/Scheduler and src/Worker, or set FRAMES_BIN to their folder");
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new DaemonProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}"));
    }

    /// <summary>SIGKILL: the process dies at once, as a spot instance does.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
            return;
        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString()]) { UseShellExecute = false });
            kill?.WaitForExit();
        }
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > 40)
                _lines.Dequeue();
        }
    }
}
