using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FramesNet.Cluster;

/// <summary>The signals <see cref="DaemonProcess"/> sends, by their number on this OS.</summary>
internal enum PosixSignalKind
{
    Terminate,
    Continue,
    Stop,

    /// <summary>SIGINT, what Ctrl+C sends.</summary>
    Interrupt,
}

/// <summary>
/// Sends a POSIX signal to a process with libc's <c>kill</c> — .NET can only send SIGKILL — instead of
/// running <c>/usr/bin/kill</c> (a process spawn, ~10 ms, twice per worker on every cluster stop).
/// Falls back to the command where libc cannot be bound.
/// </summary>
internal static partial class PosixSignals
{
    private static bool _noLibc;

    public static void Send(int processId, PosixSignalKind signal)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("POSIX signals are not available on Windows");
        if (!Volatile.Read(ref _noLibc))
        {
            try
            {
                // ESRCH (the process is gone) is not an error here: the caller wanted it stopped.
                _ = Kill(processId, Number(signal));
                return;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                Volatile.Write(ref _noLibc, true);
            }
        }
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{Name(signal)}", processId.ToString()]) { UseShellExecute = false });
        kill?.WaitForExit();
    }

    /// <summary>SIGINT is 2 and SIGTERM 15 everywhere; SIGCONT and SIGSTOP differ between Linux and the BSDs (macOS).</summary>
    private static int Number(PosixSignalKind signal) => (signal, OperatingSystem.IsLinux()) switch
    {
        (PosixSignalKind.Terminate, _) => 15,
        (PosixSignalKind.Interrupt, _) => 2,
        (PosixSignalKind.Continue, true) => 18,
        (PosixSignalKind.Continue, false) => 19,
        (PosixSignalKind.Stop, true) => 19,
        (PosixSignalKind.Stop, false) => 17,
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };

    private static string Name(PosixSignalKind signal) => signal switch
    {
        PosixSignalKind.Terminate => "TERM",
        PosixSignalKind.Interrupt => "INT",
        PosixSignalKind.Continue => "CONT",
        PosixSignalKind.Stop => "STOP",
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int processId, int signal);
}
