using System.Text;
using FramesNet.Columns;

namespace FramesNet.Physical;

/// <summary>
/// The tasks of one job in dependency order (every task after the tasks it reads), grouped in stages,
/// and the ordered partitions that make up the result.
/// </summary>
public sealed class TaskGraph
{
    internal TaskGraph(IReadOnlyList<TaskNode> tasks, IReadOnlyList<Stage> stages, IReadOnlyList<PartitionRef> outputs, Schema schema)
    {
        Tasks = tasks;
        Stages = stages;
        Outputs = outputs;
        Schema = schema;
    }

    public IReadOnlyList<TaskNode> Tasks { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The result's partitions, in order.</summary>
    public IReadOnlyList<PartitionRef> Outputs { get; }

    /// <summary>The result's columns.</summary>
    public Schema Schema { get; }

    /// <summary>The stages, one a line: what each runs and how many tasks it has.</summary>
    public string PhysicalText()
    {
        var text = new StringBuilder();
        foreach (var stage in Stages)
            text.Append($"Stage {stage.Id} {stage.Name} [{stage.TaskCount} task{(stage.TaskCount == 1 ? "" : "s")}]: {stage.Pipeline}\n");
        text.Append($"Result: {Outputs.Count} partition{(Outputs.Count == 1 ? "" : "s")}\n");
        return text.ToString();
    }

    /// <summary>Every task with its key and inputs (at most <paramref name="maxTasks"/>; the rest are counted).</summary>
    public string TaskText(int maxTasks = 200)
    {
        var text = new StringBuilder();
        foreach (var task in Tasks.Take(maxTasks))
        {
            text.Append(task.Key.Value);
            var inputs = task.Inputs.Select(i => i.ToString()).ToList();
            if (inputs.Count > 0)
                text.Append(" <- ").Append(string.Join(", ", inputs));
            for (var s = 0; s < task.SideInputs.Count; s++)
                text.Append($" side{s}: ").Append(string.Join(", ", task.SideInputs[s]));
            text.Append('\n');
        }
        if (Tasks.Count > maxTasks)
            text.Append($"… and {Tasks.Count - maxTasks} more tasks\n");
        return text.ToString();
    }
}
