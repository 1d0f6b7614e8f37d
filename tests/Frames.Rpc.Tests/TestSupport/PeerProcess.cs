using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>
/// A process running one of the real gRPC peers in interop/: a grpc-js script (*.js, run by node) or a
/// python-grpcio script (*.py, run by Debian's /usr/bin/python3). Servers print "listening PORT" once
/// bound; every stdout line is kept for tests to wait on, stderr for failure messages; the process is
/// killed on dispose.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly StringBuilder _stderr = new();

    private PeerProcess(Process process, string description)
    {
        _process = process;
        Description = description;
    }

    public string Description { get; }

    public int Port { get; private set; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    /// <summary>Starts a server script and waits for its "listening PORT" line.</summary>
    public static async Task<PeerProcess> StartServerAsync(string script, params string[] args)
    {
        var peer = Start(script, args);
        try
        {
            var line = await peer.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal), StartTimeout);
            peer.Port = int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a client script to its end and returns its stdout's last line.</summary>
    public static async Task<string> RunClientAsync(string script, params string[] args)
    {
        await using var peer = Start(script, args);
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await peer._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{peer.Description} did not finish within {StartTimeout.TotalSeconds} s; stderr:\n{peer.Stderr}");
        }
        peer._process.WaitForExit(); // drains the redirected output
        if (peer._process.ExitCode != 0)
            throw new InvalidOperationException($"{peer.Description} exited with {peer._process.ExitCode}; stderr:\n{peer.Stderr}{Hint(script, peer.Stderr)}");
        var output = new List<string>();
        while (peer._lines.Reader.TryRead(out var line))
            output.Add(line);
        return output.LastOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException($"{peer.Description} printed no result; stdout:\n{string.Join('\n', output)}\nstderr:\n{peer.Stderr}");
    }

    /// <summary>Waits for a stdout line matching <paramref name="match"/> (lines seen earlier count too).</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        lock (_seen)
        {
            if (_seen.FirstOrDefault(match) is { } earlier)
                return earlier;
        }
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cancel.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    if (match(line))
                        return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Description}: no expected line within {timeout.TotalSeconds} s; stdout so far:\n{string.Join('\n', Seen())}\nstderr:\n{Stderr}");
        }
        throw new InvalidOperationException($"{Description} exited (code {ExitCode()}) before the expected line; stderr:\n{Stderr}{Hint(Description, Stderr)}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }

    private static PeerProcess Start(string script, string[] args)
    {
        var folder = InteropFolder.Path;
        var python = script.EndsWith(".py", StringComparison.Ordinal);
        var path = Path.Combine(folder, script);
        var info = new ProcessStartInfo(python ? "/usr/bin/python3" : "node")
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["PYTHONUNBUFFERED"] = "1";
        info.Environment["PYTHONIOENCODING"] = "utf-8";
        info.ArgumentList.Add(path);
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        var description = $"{info.FileName} {script} {string.Join(' ', args)}";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process, description);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                peer._lines.Writer.TryComplete();
                return;
            }
            lock (peer._seen)
                peer._seen.Add(e.Data);
            peer._lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (peer._stderr)
                peer._stderr.AppendLine(e.Data);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(python
                ? $"cannot start /usr/bin/python3 for the python-grpcio interop tests ({e.Message}): run .ci/install-extra"
                : $"cannot start node for the grpc-js interop tests ({e.Message}): install nodejs and npm", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    private static string Hint(string script, string stderr) =>
        script.Contains(".py", StringComparison.Ordinal) && stderr.Contains("No module named", StringComparison.Ordinal)
            ? "\n(the Python peer needs Debian's python3-grpcio and python3-protobuf: run .ci/install-extra)"
            : "";

    private List<string> Seen()
    {
        lock (_seen)
            return [.. _seen];
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
}
