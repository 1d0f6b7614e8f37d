using FramesNet.Scheduler.Core;

namespace FramesNet.Scheduler.Tests.TestSupport;

/// <summary>Builds test graphs tersely: <c>new GraphBuilder().Task("a").Task("b", "a").Outputs("b")</c>.</summary>
internal sealed class GraphBuilder
{
    private readonly List<TaskDefinition> _tasks = [];
    private readonly List<PartitionRef> _outputs = [];

    /// <summary>A task reading bucket 0 of each of <paramref name="inputs"/> (write "x[2]" for bucket 2).</summary>
    public GraphBuilder Task(string key, params string[] inputs) => Add(key, inputs, buckets: 1, file: null, stage: 0);

    public GraphBuilder Task(string key, int buckets, int stage, params string[] inputs) => Add(key, inputs, buckets, null, stage);

    public GraphBuilder Scan(string key, string file) => Add(key, [], 1, file, 0);

    public GraphBuilder SideInput(string key, string[] inputs, string[] side)
    {
        Add(key, inputs, 1, null, 0);
        var last = _tasks[^1];
        _tasks[^1] = last with { SideInputs = [[.. side.Select(Ref)]] };
        return this;
    }

    public GraphBuilder Outputs(params string[] outputs)
    {
        _outputs.AddRange(outputs.Select(Ref));
        return this;
    }

    public IReadOnlyList<TaskDefinition> Tasks => _tasks;

    public IReadOnlyList<PartitionRef> OutputRefs => _outputs;

    public JobGraph Build() => JobGraph.Build(_tasks, _outputs);

    public static PartitionRef Ref(string text)
    {
        var open = text.IndexOf('[', StringComparison.Ordinal);
        return open < 0
            ? new PartitionRef(new TaskKey(text), 0)
            : new PartitionRef(new TaskKey(text[..open]), int.Parse(text[(open + 1)..^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    private GraphBuilder Add(string key, string[] inputs, int buckets, string? file, int stage)
    {
        _tasks.Add(new TaskDefinition(new TaskKey(key), stage, _tasks.Count, buckets, [.. inputs.Select(Ref)], [], file, 0, ReadOnlyMemory<byte>.Empty));
        return this;
    }
}
