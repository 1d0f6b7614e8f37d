using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>The frames-scheduler daemon as a real process (run by <c>dotnet</c> from the test's output folder): its stdout lines, stderr, exit code.</summary>
internal sealed partial class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _stderr = new();
    private TaskCompletionSource _lineAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DaemonProcess(Process process) => _process = process;

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public List<string> Lines
    {
        get
        {
            lock (_lines)
                return [.. _lines];
        }
    }

    public static DaemonProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "frames-scheduler.dll"));
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var daemon = new DaemonProcess(new Process { StartInfo = info });
        daemon._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            TaskCompletionSource added;
            lock (daemon._lines)
            {
                daemon._lines.Add(e.Data);
                added = daemon._lineAdded;
                daemon._lineAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            added.TrySetResult();
        };
        daemon._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (daemon._stderr)
                daemon._stderr.AppendLine(e.Data);
        };
        daemon._process.Start();
        daemon._process.BeginOutputReadLine();
        daemon._process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>The first stdout line containing <paramref name="text"/>, waiting up to 30 s.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        var deadline = DateTime.UtcNow + Patience.Wait;
        while (true)
        {
            Task added;
            lock (_lines)
            {
                if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
                    return line;
                added = _lineAdded.Task;
            }
            if (_process.HasExited)
                throw new InvalidOperationException($"frames-scheduler exited ({_process.ExitCode}) before '{text}'; stderr: {Stderr}");
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"frames-scheduler printed no '{text}'; stdout: {string.Join('\n', Lines)}; stderr: {Stderr}");
            await Task.WhenAny(added, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }
    }

    public void Terminate()
    {
        if (Kill(_process.Id, 15) != 0)
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
    }

    public async Task<int> ExitCodeAsync()
    {
        using var timeout = new CancellationTokenSource(Patience.Wait);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
