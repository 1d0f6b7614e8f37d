using FramesNet.Scheduler.Core;
using FramesNet.Scheduler.Tests.TestSupport;

namespace FramesNet.Scheduler.Tests.Core;

public sealed class JobGraphTests
{
    [Fact]
    public void Resolves_inputs_dependencies_and_consumers()
    {
        var graph = new GraphBuilder().Task("a", 2, 0).Task("b").Task("c", "a[0]", "a[1]", "b").Outputs("c").Build();

        Assert.Equal([new InputRef(0, 0), new InputRef(0, 1), new InputRef(1, 0)], graph.Inputs[2]);
        Assert.Equal([0, 1], graph.Dependencies[2]);
        Assert.Equal([2], graph.Consumers[0]);
        Assert.Equal([2], graph.Consumers[1]);
        Assert.Equal([new InputRef(2, 0)], graph.Outputs);
        Assert.Equal([2, 1, 1], graph.Buckets);
    }

    [Fact]
    public void Zero_buckets_count_as_one()
    {
        var graph = JobGraph.Build([new TaskDefinition(new TaskKey("a"), 0, 0, 0, [], [], null, 0, default)], [GraphBuilder.Ref("a")]);

        Assert.Equal(1, graph.Buckets[0]);
    }

    [Theory]
    [MemberData(nameof(BadGraphs))]
    public void Bad_graphs_are_refused_naming_the_problem(string name, string message)
    {
        var error = Assert.Throws<InvalidGraphException>(Graphs[name].Build);

        Assert.Equal(message, error.Message);
    }

    public static TheoryData<string, string> BadGraphs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, (_, message)) in Cases)
            data.Add(name, message);
        return data;
    }

    private static Dictionary<string, GraphBuilder> Graphs => Cases.ToDictionary(c => c.Key, c => c.Value.Graph);

    private static readonly Dictionary<string, (GraphBuilder Graph, string Message)> Cases = new()
    {
        ["duplicate"] = (new GraphBuilder().Task("a").Task("b").Task("a"), "duplicate task key 'a' (tasks #0 and #2)"),
        ["unknown input"] = (new GraphBuilder().Task("b", "a"), "task 'b' reads 'a', which is not a task of this graph"),
        ["bucket"] = (new GraphBuilder().Task("a").Task("b", "a[1]"), "task 'b' reads bucket 1 of 'a', which has only bucket 0"),
        ["negative bucket"] = (new GraphBuilder().Task("a", 4, 0).Task("b", "a[-1]"), "task 'b' reads bucket -1 of 'a', which has buckets 0–3"),
        ["side input"] = (new GraphBuilder().Task("a").SideInput("b", ["a"], ["z"]), "task 'b' reads as a side input 'z', which is not a task of this graph"),
        ["cycle"] = (new GraphBuilder().Task("a", "c").Task("b", "a").Task("c", "b"), "the graph has a cycle: 'a' reads 'c' reads 'b' reads 'a'"),
        ["self"] = (new GraphBuilder().Task("x").Task("a", "a"), "the graph has a cycle: 'a' reads 'a'"),
        ["output"] = (new GraphBuilder().Task("a").Outputs("z"), "output #0 names 'z', which is not a task of this graph"),
        ["output bucket"] = (new GraphBuilder().Task("a", 4, 0).Outputs("a[4]"), "output #0 names bucket 4 of 'a', which has buckets 0–3"),
        ["no key"] = (new GraphBuilder().Task(""), "task #0 has no key"),
    };

    [Fact]
    public void A_large_chain_is_checked_without_recursion()
    {
        var builder = new GraphBuilder().Task("t0");
        for (var i = 1; i < 100_000; i++)
            builder.Task($"t{i}", $"t{i - 1}");

        var graph = builder.Build();

        Assert.Equal(100_000, graph.Count);
        Assert.Equal([99_999], graph.Consumers[99_998]);
    }
}
