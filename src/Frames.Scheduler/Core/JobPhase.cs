namespace FramesNet.Scheduler.Core;

/// <summary>Where a job id stands, seen from an RPC that names it.</summary>
internal enum JobPhase
{
    /// <summary>No job ever had this id.</summary>
    Unknown,

    Running,

    /// <summary>Finished; its results are held until released.</summary>
    Finished,

    /// <summary>Failed, cancelled, or finished and released: forgotten.</summary>
    Ended,
}
