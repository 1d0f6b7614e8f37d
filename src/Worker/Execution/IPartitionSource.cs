using FramesNet.Physical;

namespace FramesNet.Worker.Execution;

/// <summary>Gets a task's input partition: from this worker's store, else from a peer that holds it.</summary>
internal interface IPartitionSource
{
    /// <summary>
    /// The partition, or null when neither this worker nor any of <paramref name="addresses"/> could supply it; why
    /// each could not (the holder's own message) is added to <paramref name="failures"/>.
    /// </summary>
    Task<InputPartition?> GetAsync(PartitionRef partition, IReadOnlyList<string> addresses, ICollection<string> failures, CancellationToken cancellationToken);
}
