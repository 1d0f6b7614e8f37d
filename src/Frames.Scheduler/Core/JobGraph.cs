using System.Text;

namespace FramesNet.Scheduler.Core;

/// <summary>
/// A submitted graph, checked and resolved: keys are unique, every input names a task of the graph and
/// a bucket it has, outputs too, and there is no cycle. Inputs become indexes, and each task knows the
/// tasks it waits for and the tasks waiting for it. Immutable; built off the scheduler's loop.
/// </summary>
internal sealed class JobGraph
{
    private static readonly InputRef[][] NoSideInputs = [];

    private JobGraph(TaskDefinition[] tasks, int[] buckets, InputRef[][] inputs, InputRef[][][] sideInputs, int[][] dependencies, int[][] consumers, InputRef[] outputs)
    {
        Tasks = tasks;
        Buckets = buckets;
        Inputs = inputs;
        SideInputs = sideInputs;
        Dependencies = dependencies;
        Consumers = consumers;
        Outputs = outputs;
    }

    public IReadOnlyList<TaskDefinition> Tasks { get; }

    /// <summary>Buckets per task (a definition's 0 counts as 1).</summary>
    public int[] Buckets { get; }

    public InputRef[][] Inputs { get; }

    public InputRef[][][] SideInputs { get; }

    /// <summary>Per task, the distinct tasks it reads (inputs and side inputs).</summary>
    public int[][] Dependencies { get; }

    /// <summary>Per task, the distinct tasks that read it.</summary>
    public int[][] Consumers { get; }

    /// <summary>The result's partitions, in order.</summary>
    public InputRef[] Outputs { get; }

    public int Count => Buckets.Length;

    /// <summary>Checks and resolves a graph; throws <see cref="InvalidGraphException"/> naming the first problem.</summary>
    public static JobGraph Build(IReadOnlyList<TaskDefinition> tasks, IReadOnlyList<PartitionRef> outputs)
    {
        var count = tasks.Count;
        var index = new Dictionary<TaskKey, int>(count);
        var buckets = new int[count];
        for (var i = 0; i < count; i++)
        {
            var task = tasks[i];
            if (string.IsNullOrEmpty(task.Key.Value))
                throw new InvalidGraphException($"task #{i} has no key");
            if (!index.TryAdd(task.Key, i))
                throw new InvalidGraphException($"duplicate task key '{task.Key}' (tasks #{index[task.Key]} and #{i})");
            if (task.Buckets < 0)
                throw new InvalidGraphException($"task '{task.Key}' has {task.Buckets} buckets; it needs at least 1");
            buckets[i] = Math.Max(1, task.Buckets);
        }

        var inputs = new InputRef[count][];
        var sideInputs = new InputRef[count][][];
        var dependencies = new int[count][];
        var consumerCounts = new int[count];
        var seenBy = new int[count];
        Array.Fill(seenBy, -1);
        var scratch = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var task = tasks[i];
            scratch.Clear();
            inputs[i] = Resolve(task.Inputs, task.Key, "reads", index, buckets, i, seenBy, scratch);
            if (task.SideInputs.Count == 0)
            {
                sideInputs[i] = NoSideInputs;
            }
            else
            {
                var sides = new InputRef[task.SideInputs.Count][];
                for (var s = 0; s < sides.Length; s++)
                    sides[s] = Resolve(task.SideInputs[s], task.Key, "reads as a side input", index, buckets, i, seenBy, scratch);
                sideInputs[i] = sides;
            }
            dependencies[i] = scratch.Count == 0 ? [] : [.. scratch];
            foreach (var dependency in dependencies[i])
                consumerCounts[dependency]++;
        }

        var consumers = new int[count][];
        for (var i = 0; i < count; i++)
            consumers[i] = consumerCounts[i] == 0 ? [] : new int[consumerCounts[i]];
        var filled = new int[count];
        for (var i = 0; i < count; i++)
        {
            foreach (var dependency in dependencies[i])
                consumers[dependency][filled[dependency]++] = i;
        }
        CheckAcyclic(tasks, dependencies, consumers);

        var resolvedOutputs = new InputRef[outputs.Count];
        for (var o = 0; o < outputs.Count; o++)
        {
            var output = outputs[o];
            if (!index.TryGetValue(output.Task, out var producer))
                throw new InvalidGraphException($"output #{o} names '{output.Task}', which is not a task of this graph");
            CheckBucket(output.Bucket, producer, buckets, tasks, $"output #{o} names");
            resolvedOutputs[o] = new InputRef(producer, output.Bucket);
        }
        return new JobGraph(tasks as TaskDefinition[] ?? [.. tasks], buckets, inputs, sideInputs, dependencies, consumers, resolvedOutputs);
    }

    private static InputRef[] Resolve(IReadOnlyList<PartitionRef> refs, TaskKey reader, string verb, Dictionary<TaskKey, int> index, int[] buckets,
        int readerIndex, int[] seenBy, List<int> dependencies)
    {
        if (refs.Count == 0)
            return [];
        var resolved = new InputRef[refs.Count];
        for (var r = 0; r < refs.Count; r++)
        {
            var input = refs[r];
            if (!index.TryGetValue(input.Task, out var producer))
                throw new InvalidGraphException($"task '{reader}' {verb} '{input.Task}', which is not a task of this graph");
            CheckBucket(input.Bucket, producer, buckets, null, $"task '{reader}' {verb}", input.Task);
            resolved[r] = new InputRef(producer, input.Bucket);
            if (seenBy[producer] != readerIndex)
            {
                seenBy[producer] = readerIndex;
                dependencies.Add(producer);
            }
        }
        return resolved;
    }

    private static void CheckBucket(int bucket, int producer, int[] buckets, IReadOnlyList<TaskDefinition>? tasks, string who, TaskKey? key = null)
    {
        if (bucket >= 0 && bucket < buckets[producer])
            return;
        var name = key ?? tasks![producer].Key;
        var range = buckets[producer] == 1 ? "only bucket 0" : $"buckets 0–{buckets[producer] - 1}";
        throw new InvalidGraphException($"{who} bucket {bucket} of '{name}', which has {range}");
    }

    /// <summary>Kahn's algorithm; what is left over contains a cycle, which the message spells out.</summary>
    private static void CheckAcyclic(IReadOnlyList<TaskDefinition> tasks, int[][] dependencies, int[][] consumers)
    {
        var count = dependencies.Length;
        var pending = new int[count];
        var ready = new Stack<int>();
        for (var i = 0; i < count; i++)
        {
            pending[i] = dependencies[i].Length;
            if (pending[i] == 0)
                ready.Push(i);
        }
        var visited = 0;
        while (ready.TryPop(out var task))
        {
            visited++;
            foreach (var consumer in consumers[task])
            {
                if (--pending[consumer] == 0)
                    ready.Push(consumer);
            }
        }
        if (visited == count)
            return;

        // Every left-over task still waits for a left-over dependency: walk them until one repeats.
        var start = Array.FindIndex(pending, p => p > 0);
        var order = new Dictionary<int, int>();
        var path = new List<int>();
        var current = start;
        while (!order.ContainsKey(current))
        {
            order[current] = path.Count;
            path.Add(current);
            current = Array.Find(dependencies[current], d => pending[d] > 0);
        }
        var text = new StringBuilder("the graph has a cycle: ");
        for (var p = order[current]; p < path.Count; p++)
            text.Append('\'').Append(tasks[path[p]].Key).Append("' reads ");
        text.Append('\'').Append(tasks[current].Key).Append('\'');
        throw new InvalidGraphException(text.ToString());
    }
}
