using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace FramesNet.Worker.Tests.TestSupport;

/// <summary>The frames-worker executable run as a child process, its stderr collected.</summary>
internal sealed partial class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    public static WorkerProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "frames-worker"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info };
        var worker = new WorkerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                worker._stderrClosed.TrySetResult();
            else
                lock (worker._stderr)
                    worker._stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        return worker;
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>Waits for the exit (and the end of stderr); returns the exit code.</summary>
    public async Task<int> ExitAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? Patience.Wait);
        await _process.WaitForExitAsync(cancel.Token);
        await _stderrClosed.Task.WaitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Terminate()
    {
        if (Kill(_process.Id, 15) != 0)
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
