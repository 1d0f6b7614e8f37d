namespace FramesNet.Scheduler.Core;

/// <summary>The legal moves between <see cref="TaskState"/>s; anything else is a bug in the scheduler and throws.</summary>
internal static class TaskTransitions
{
    private static readonly bool[,] Allowed = Build(
        (TaskState.Waiting, TaskState.Ready),
        (TaskState.Ready, TaskState.Queued),
        (TaskState.Ready, TaskState.Waiting),
        (TaskState.Ready, TaskState.Failed),
        (TaskState.Queued, TaskState.Running),
        (TaskState.Queued, TaskState.Ready),
        (TaskState.Queued, TaskState.Waiting),
        (TaskState.Queued, TaskState.Failed),
        (TaskState.Running, TaskState.Done),
        (TaskState.Running, TaskState.Ready),
        (TaskState.Running, TaskState.Waiting),
        (TaskState.Running, TaskState.Failed),
        (TaskState.Done, TaskState.Ready),
        (TaskState.Done, TaskState.Waiting));

    public static bool IsAllowed(TaskState from, TaskState to) => Allowed[(int)from, (int)to];

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the task and both states unless the move is legal.</summary>
    public static void Check(TaskKey task, TaskState from, TaskState to)
    {
        if (!Allowed[(int)from, (int)to])
            throw new InvalidOperationException($"task {task}: illegal transition {from} → {to}");
    }

    private static bool[,] Build(params (TaskState From, TaskState To)[] moves)
    {
        var count = Enum.GetValues<TaskState>().Length;
        var table = new bool[count, count];
        foreach (var (from, to) in moves)
            table[(int)from, (int)to] = true;
        return table;
    }
}
