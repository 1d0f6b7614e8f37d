using System.Runtime.InteropServices;

namespace FramesNet.Cli;

/// <summary>
/// Ctrl+C and SIGTERM for every command, caught from the start of the process: the first one cancels
/// <see cref="Token"/> and the command stops cleanly however long that takes (<c>frames local</c> stops its
/// workers); a second one ends the process at once, as the shell expects. System.CommandLine's own handling
/// is off: it ended the process 2 s after the signal (exit 143) even while workers were being stopped.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignals()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
            return; // the second: the default action ends the process
        context.Cancel = true;
        _stop.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
