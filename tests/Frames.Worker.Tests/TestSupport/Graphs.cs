using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Physical;
using FramesNet.Rpc.Protocol;
using Google.Protobuf;
using static FramesNet.Frames;

namespace FramesNet.Worker.Tests.TestSupport;

/// <summary>Task graphs from DataFrames, and the RunTask messages a scheduler would send for their tasks.</summary>
internal static class Graphs
{
    public const int Rows = 1000;

    /// <summary>k = i % 7, v = i for i in 0..999, in <paramref name="partitions"/> partitions.</summary>
    public static DataFrame Numbers(int partitions) =>
        FromColumns(FramesContext.Local, partitions,
            ("k", Enumerable.Range(0, Rows).Select(i => (long)(i % 7)).ToArray()),
            ("v", Enumerable.Range(0, Rows).Select(i => (long)i).ToArray()));

    /// <summary>Sum of v per k over the rows with v > 10: a filter and a two-stage aggregate.</summary>
    public static DataFrame FilteredSums(int partitions) =>
        Numbers(partitions).Filter(Col("v") > 10).GroupBy("k").Agg(Col("v").Sum().Alias("total"));

    public static Dictionary<long, long> ExpectedSums() =>
        Enumerable.Range(0, Rows).Where(i => i > 10).GroupBy(i => (long)(i % 7)).ToDictionary(g => g.Key, g => g.Sum(i => (long)i));

    public static Dictionary<long, long> Sums(IEnumerable<RecordBatch> batches) =>
        batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => (Key: (long)b.Column("k").GetValue(i)!, Total: (long)b.Column("total").GetValue(i)!)))
            .ToDictionary(r => r.Key, r => r.Total);

    /// <summary>What a scheduler sends to run <paramref name="task"/>, its inputs at <paramref name="addresses"/> (none: local).</summary>
    public static RunTask Run(TaskNode task, string job = "job-1", params string[] addresses)
    {
        var run = new RunTask
        {
            Job = job,
            Task = task.Key.Value,
            Attempt = 1,
            Stage = task.Stage,
            Partition = task.Partition,
            Spec = ByteString.CopyFrom(TaskSpecCodec.Encode(task)),
        };
        run.Inputs.AddRange(task.Inputs.Select(p => Location(p, addresses)));
        foreach (var side in task.SideInputs)
        {
            var locations = new SideInputLocations();
            locations.Partitions.AddRange(side.Select(p => Location(p, addresses)));
            run.SideInputs.Add(locations);
        }
        return run;
    }

    private static InputLocation Location(Physical.PartitionRef partition, string[] addresses) =>
        new() { Partition = TaskSpecCodec.ToProto(partition), Addresses = { addresses } };
}
