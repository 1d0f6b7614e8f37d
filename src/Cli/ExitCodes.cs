namespace FramesNet.Cli;

/// <summary>What `frames` exits with.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The input could not be read: a missing file, malformed CSV or Arrow, a bad plan.</summary>
    public const int BadInput = 1;

    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A bug in Frames: please report it with the message.</summary>
    public const int Internal = 3;
}
