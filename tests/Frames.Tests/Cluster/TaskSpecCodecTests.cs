using FramesNet.Cluster;
using FramesNet.Physical;
using FramesNet.Plan;
using FramesNet.Query;
using FramesNet.Tests.Physical;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;
using Proto = FramesNet.Rpc.Protocol;

namespace FramesNet.Tests.Cluster;

public class TaskSpecCodecTests
{
    public static TheoryData<string> Queries() => new(BenchmarkQueries.Names);

    /// <summary>Every task survives encode → decode with the same spec (so the same key), and the decoded graph gives the same answer.</summary>
    [Theory]
    [MemberData(nameof(Queries))]
    public async Task A_graph_sent_task_by_task_computes_the_same_answer(string query)
    {
        var context = FramesContext.Local with { Physical = PhysicalOptions.Default with { ShuffleBuckets = 3, Combine = CombineStrategy.Shuffle } };
        var frame = BenchmarkQueries.Query(query, BenchData.SmallFolder, context);
        var graph = frame.BuildGraph();

        var decoded = graph.Tasks.Select(RoundTrip).ToList();
        for (var i = 0; i < decoded.Count; i++)
        {
            Assert.Equal(Spec(graph.Tasks[i]), Spec(decoded[i]));
            Assert.Equal(graph.Tasks[i].Inputs, decoded[i].Inputs);
            Assert.Equal(graph.Tasks[i].SideInputs.Select(s => s.ToArray()), decoded[i].SideInputs.Select(s => s.ToArray()));
        }
        var again = new TaskGraph(decoded, graph.Stages, graph.Outputs, graph.Schema);
        var expected = await context.Executor.ExecuteAsync(graph);
        var actual = await context.Executor.ExecuteAsync(again);
        Assert.Equal(Text(frame, expected), Text(frame, actual));
    }

    public static TheoryData<string> JoinShapeNames() => new(JoinShapes.Named.Keys);

    /// <summary>Graphs of several joins keep, through the codec, which side input each join and range sink reads, and give the reference's answer.</summary>
    [Theory]
    [MemberData(nameof(JoinShapeNames))]
    public async Task Multi_join_graphs_sent_task_by_task_give_the_reference_answer(string name)
    {
        var context = FramesContext.Local with { Physical = PhysicalOptions.Default with { ShuffleBuckets = 2 } };
        var shape = JoinShapes.Named[name](new JoinTables(3, context), 3);
        var graph = shape.Frame.BuildGraph();

        var decoded = graph.Tasks.Select(RoundTrip).ToList();
        for (var i = 0; i < decoded.Count; i++)
        {
            Assert.Equal(Spec(graph.Tasks[i]), Spec(decoded[i]));
            Assert.Equal(graph.Tasks[i].SideInputs.Select(s => s.ToArray()), decoded[i].SideInputs.Select(s => s.ToArray()));
        }
        var partitions = await context.Executor.ExecuteAsync(new TaskGraph(decoded, graph.Stages, graph.Outputs, graph.Schema));
        shape.Compare(new Table(graph.Schema, partitions.SelectMany(p => p).Select(b => b.Decoded().WithNames(graph.Schema)).ToList()), name);
    }

    [Fact]
    public void Every_expression_kind_round_trips()
    {
        var df = FromColumns(("a", new long?[] { 1, null, 3 }), ("s", new[] { "x", "yy", null }), ("d", new[] { new DateOnly(2024, 2, 29), new DateOnly(1969, 7, 20), new DateOnly(2000, 1, 1) }))
            .Select(
                (Col("a") * 2 - 1).Alias("arith"),
                (Col("a") % 2 == 1 | !(Col("a") > Lit(2.5)) & Col("a").IsNotNull()).Alias("logic"),
                Col("a").Cast(FramesNet.Columns.DataType.Float64).Alias("cast"),
                Col("s").TryCast(FramesNet.Columns.DataType.Int64).Alias("try_cast"),
                Col("a").Between(1, 2).Alias("between"),
                Col("a").IsIn(1L, null, 7L).Alias("in"),
                Col("s").Contains("y").Alias("contains"),
                Col("s").Upper().Substring(0, 1).Alias("sub"),
                Col("s").Length().Alias("len"),
                Col("d").Year().Alias("year"),
                (Col("d") > new DateOnly(1999, 12, 31)).Alias("after"),
                When(Col("a").IsNull()).Then("none").When(Col("a") > 2).Then("big").Otherwise(Coalesce(Col("s"), Lit("?"))).Alias("case"),
                Lit(new byte[] { 1, 2 }).Alias("bytes"),
                Lit(ulong.MaxValue).Alias("big"));
        var graph = df.BuildGraph();

        foreach (var task in graph.Tasks)
            Assert.Equal(Spec(task), Spec(RoundTrip(task)));
        Assert.Equal(df.Collect().ToString(), new DataFrame(df.Plan, df.Context).Collect().ToString());
    }

    [Fact]
    public void MapPartitions_cannot_be_sent_and_says_why()
    {
        var graph = FromColumns(("a", new long[] { 1 })).MapPartitions(b => b).BuildGraph();

        var error = Assert.Throws<CodecException>(() => TaskSpecCodec.ToGraphTask(graph.Tasks[0]));
        Assert.Contains("cannot be sent to a cluster worker", error.Message);
    }

    [Fact]
    public void A_spec_that_does_not_parse_is_a_clear_error()
    {
        var run = new Proto.RunTask { Task = "t-1", Spec = Google.Protobuf.ByteString.CopyFrom(1, 2, 3, 4, 5) };

        var error = Assert.Throws<CodecException>(() => TaskSpecCodec.Decode(run));
        Assert.Contains("task t-1", error.Message);
    }

    private static TaskNode RoundTrip(TaskNode task)
    {
        var graphTask = TaskSpecCodec.ToGraphTask(task);
        var run = new Proto.RunTask { Task = graphTask.Key, Stage = graphTask.Stage, Partition = graphTask.Partition, Spec = graphTask.Spec };
        run.Inputs.AddRange(graphTask.Inputs.Select(p => new Proto.InputLocation { Partition = p }));
        foreach (var side in graphTask.SideInputs)
        {
            var locations = new Proto.SideInputLocations();
            locations.Partitions.AddRange(side.Partitions.Select(p => new Proto.InputLocation { Partition = p }));
            run.SideInputs.Add(locations);
        }
        return TaskSpecCodec.Decode(run);
    }

    private static string Spec(TaskNode task) =>
        string.Join("\n", new[] { task.Source.Spec }.Concat(task.Operators.Select(o => o.Spec)).Append(task.Sink.Spec).Append(task.OutputSchema.ToString()));

    private static string Text(DataFrame frame, IReadOnlyList<IReadOnlyList<FramesNet.Columns.RecordBatch>> partitions) =>
        new Table(frame.Schema, partitions.SelectMany(p => p).Select(b => new FramesNet.Columns.RecordBatch(frame.Schema, b.Columns.Select(c => c is FramesNet.Columns.DictionaryColumn d ? d.Decode() : c).ToArray(), b.Length)).ToList()).ToString(50);
}
