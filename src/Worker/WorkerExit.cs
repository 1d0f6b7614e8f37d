using FramesNet.Rpc.Daemons;

namespace FramesNet.Worker;

/// <summary>Why a worker stopped, and the process exit code that goes with it (the codes of <see cref="ExitCode"/>).</summary>
public sealed record WorkerExit(int Code, string Reason)
{
    public const int Ok = ExitCode.Ok;

    /// <summary>The scheduler could not be reached, refused the worker, or was lost for longer than the reconnect timeout.</summary>
    public const int SchedulerLost = ExitCode.BadInput;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = ExitCode.Usage;

    /// <summary>A bug: please report it with the message.</summary>
    public const int Internal = ExitCode.Internal;
}
