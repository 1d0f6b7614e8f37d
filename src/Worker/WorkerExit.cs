namespace FramesNet.Worker;

/// <summary>Why a worker stopped, and the process exit code that goes with it.</summary>
public sealed record WorkerExit(int Code, string Reason)
{
    public const int Ok = 0;

    /// <summary>The scheduler could not be reached, refused the worker, or was lost for longer than the connect timeout.</summary>
    public const int SchedulerLost = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug: please report it with the message.</summary>
    public const int Internal = 3;
}
