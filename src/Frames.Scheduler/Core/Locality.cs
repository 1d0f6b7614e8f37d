namespace FramesNet.Scheduler.Core;

/// <summary>Why a task went to the worker it went to.</summary>
internal enum Locality
{
    /// <summary>It scans a file only some workers see, and this is one of them.</summary>
    FileHost,

    /// <summary>This worker holds the most bytes of its inputs.</summary>
    InputsLocal,

    /// <summary>Nothing is local anywhere (or the local worker was full): the least loaded worker with room.</summary>
    LeastLoaded,
}
