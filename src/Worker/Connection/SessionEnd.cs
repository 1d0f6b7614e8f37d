namespace FramesNet.Worker.Connection;

/// <summary>How one control stream ended.</summary>
internal abstract record SessionEnd
{
    /// <summary>The stream broke or the scheduler closed it: reconnect.</summary>
    public sealed record Broken(string Reason) : SessionEnd;

    /// <summary>The scheduler told the worker to stop.</summary>
    public sealed record Shutdown(string Reason) : SessionEnd;

    /// <summary>The scheduler is stopping and let the worker go: keep running, register again with the next one.</summary>
    public sealed record Released(string Reason) : SessionEnd;

    /// <summary>The worker itself is stopping.</summary>
    public sealed record Stopped : SessionEnd;
}
