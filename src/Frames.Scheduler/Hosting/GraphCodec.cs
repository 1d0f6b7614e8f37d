using FramesNet.Rpc.Protocol;
using FramesNet.Scheduler.Core;
using PartitionRef = FramesNet.Scheduler.Core.PartitionRef;

namespace FramesNet.Scheduler.Hosting;

/// <summary>A submitted graph from its protocol form to a checked <see cref="JobGraph"/> (the spec bytes are shared, not copied).</summary>
internal static class GraphCodec
{
    /// <exception cref="InvalidGraphException">The graph cannot run; the message names the problem.</exception>
    public static JobGraph ToGraph(SubmitGraphRequest request)
    {
        var tasks = new TaskDefinition[request.Tasks.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var task = request.Tasks[i];
            IReadOnlyList<IReadOnlyList<PartitionRef>> sideInputs = [];
            if (task.SideInputs.Count > 0)
                sideInputs = [.. task.SideInputs.Select(side => (IReadOnlyList<PartitionRef>)ToRefs(side.Partitions))];
            tasks[i] = new TaskDefinition(new TaskKey(task.Key), task.Stage, task.Partition, task.Buckets, ToRefs(task.Inputs), sideInputs,
                task.FilePath.Length == 0 ? null : task.FilePath, task.InputBytes, task.Spec.Memory);
        }
        return JobGraph.Build(tasks, ToRefs(request.Outputs));
    }

    public static PartitionRef ToRef(Rpc.Protocol.PartitionRef partition) => new(new TaskKey(partition.Task), partition.Bucket);

    public static Rpc.Protocol.PartitionRef ToProto(PartitionRef partition) => new() { Task = partition.Task.Value, Bucket = partition.Bucket };

    private static PartitionRef[] ToRefs(IReadOnlyList<Rpc.Protocol.PartitionRef> refs)
    {
        if (refs.Count == 0)
            return [];
        var converted = new PartitionRef[refs.Count];
        for (var i = 0; i < converted.Length; i++)
            converted[i] = ToRef(refs[i]);
        return converted;
    }
}
