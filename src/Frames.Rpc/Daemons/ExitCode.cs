namespace FramesNet.Rpc.Daemons;

/// <summary>
/// What <c>frames</c>, <c>frames-scheduler</c> and <c>frames-worker</c> exit with, one table for all three
/// (README, "Exit codes").
/// </summary>
internal static class ExitCode
{
    /// <summary>Done, or stopped cleanly (SIGTERM, Ctrl+C, a shutdown asked by the scheduler).</summary>
    public const int Ok = 0;

    /// <summary>
    /// Bad input, or what the input names cannot be used: a missing, unreadable or empty file or folder
    /// (data, token, certificate), malformed data, a port already taken, a scheduler that cannot be reached
    /// or refuses, a job that failed.
    /// </summary>
    public const int BadInput = 1;

    /// <summary>The command line itself is wrong: an unknown flag, a missing one, a value out of range or malformed.</summary>
    public const int Usage = 2;

    /// <summary>A bug: please report it with the message.</summary>
    public const int Internal = 3;
}
