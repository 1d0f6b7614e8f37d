using System.Diagnostics;
using FramesNet.Cluster;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Cluster;

/// <summary>Signals sent through libc reach the process as the signal meant: stop freezes it, continue thaws it, terminate ends it.</summary>
public sealed class PosixSignalsTests
{
    [Fact]
    public async Task Stop_continue_and_terminate_reach_the_process()
    {
        if (!OperatingSystem.IsLinux())
            return; // reads process states from /proc
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            PosixSignals.Send(sleeper.Id, PosixSignalKind.Stop);
            Assert.Equal('T', await StateEventuallyAsync(sleeper.Id, 'T'));

            PosixSignals.Send(sleeper.Id, PosixSignalKind.Continue);
            Assert.Equal('S', await StateEventuallyAsync(sleeper.Id, 'S'));

            PosixSignals.Send(sleeper.Id, PosixSignalKind.Terminate);
            await sleeper.WaitForExitAsync().WaitAsync(Patience.Wait);
            Assert.Equal(128 + 15, sleeper.ExitCode);
        }
        finally
        {
            if (!sleeper.HasExited)
                sleeper.Kill();
        }
    }

    /// <summary>The process's state letter from /proc (Linux), once it is <paramref name="wanted"/> (or after a very long while).</summary>
    private static async Task<char> StateEventuallyAsync(int processId, char wanted)
    {
        var clock = Stopwatch.StartNew();
        char state;
        do
        {
            var stat = await File.ReadAllTextAsync($"/proc/{processId}/stat");
            state = stat[(stat.LastIndexOf(')') + 2)];
            if (state == wanted)
                break;
            await Task.Delay(10);
        }
        while (clock.Elapsed < Patience.Wait);
        return state;
    }
}
