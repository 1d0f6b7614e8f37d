using System.Diagnostics;
using System.Text;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests.TestSupport;

/// <summary>
/// One of the three programs (<c>frames</c>, <c>frames-scheduler</c>, <c>frames-worker</c>) from the test's
/// output folder as a real process: its stdout and stderr lines as they come, its exit code.
/// </summary>
internal sealed class Executable : IDisposable
{
    /// <summary>A safety net only: no test asserts on how long a program takes.</summary>

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _output = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Executable(string program, Process process)
    {
        Program = program;
        _process = process;
    }

    public string Program { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout => Text(_stdout);

    public string Stderr => Text(_stderr);

    public static Executable Start(string program, params string[] args) => Start(program, args, null);

    /// <summary>
    /// As a person starts it at a terminal, where Ctrl+C reaches it: SIGINT at its default disposition. A
    /// process inherits ignored signals, and a shell script running a command in the background (<c>cmd &amp;</c>,
    /// as CI loops and <c>nohup</c> do) starts it with SIGINT ignored, which .NET honours; a test of Ctrl+C
    /// run under such a parent would wait forever. GNU env resets it and then execs the program (same pid).
    /// </summary>
    public static Executable StartAsFromATerminal(string program, params string[] args) =>
        Start(program, args, null, ["env", "--default-signal=INT"]);

    public static Executable Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment) =>
        Start(program, args, environment, []);

    private static Executable Start(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string[] launcher)
    {
        var start = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in launcher.Skip(1))
            start.ArgumentList.Add(arg);
        if (launcher.Length > 0)
            start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program + ".dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var executable = new Executable(program, new Process { StartInfo = start });
        executable._process.OutputDataReceived += (_, e) => executable.Append(executable._stdout, executable._stdoutClosed, e.Data);
        executable._process.ErrorDataReceived += (_, e) => executable.Append(executable._stderr, executable._stderrClosed, e.Data);
        executable._process.Start();
        executable._process.BeginOutputReadLine();
        executable._process.BeginErrorReadLine();
        return executable;
    }

    /// <summary>Runs the program to its end: exit code, stdout, stderr.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, params string[] args)
    {
        using var executable = Start(program, args);
        var code = await executable.ExitCodeAsync();
        return (code, executable.Stdout, executable.Stderr);
    }

    /// <summary>Waits for the exit and the end of both outputs.</summary>
    public async Task<int> ExitCodeAsync()
    {
        using var patience = new CancellationTokenSource(Patience.Wait);
        try
        {
            await _process.WaitForExitAsync(patience.Token);
            await Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task).WaitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Program} is still running after {Patience.Wait.TotalSeconds} s\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
        return _process.ExitCode;
    }

    /// <summary>The first line of stdout or stderr containing <paramref name="text"/>, once it comes.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        using var patience = new CancellationTokenSource(Patience.Wait);
        while (true)
        {
            Task more;
            lock (_stdout)
            {
                var line = Lines(_stdout).Concat(Lines(_stderr)).FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
                if (line is not null)
                    return line;
                more = _output.Task;
            }
            if (_process.HasExited && _stdoutClosed.Task.IsCompleted && _stderrClosed.Task.IsCompleted)
                throw new InvalidOperationException($"{Program} exited ({_process.ExitCode}) without printing '{text}'\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            try
            {
                await more.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Program} printed no '{text}' in {Patience.Wait.TotalSeconds} s\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            }
        }
    }

    public void Signal(PosixSignalKind signal) => PosixSignals.Send(_process.Id, signal);

    /// <summary>SIGKILL: gone at once, as after a crash.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void Append(StringBuilder output, TaskCompletionSource closed, string? line)
    {
        TaskCompletionSource added;
        lock (_stdout)
        {
            if (line is null)
                closed.TrySetResult();
            else
                output.AppendLine(line);
            added = _output;
            _output = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        added.TrySetResult();
    }

    private string Text(StringBuilder output)
    {
        lock (_stdout)
            return output.ToString();
    }

    private static string[] Lines(StringBuilder output) => output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
