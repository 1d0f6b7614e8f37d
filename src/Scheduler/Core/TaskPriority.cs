namespace FramesNet.Scheduler.Core;

/// <summary>Order of ready tasks: lower sorts first. Earlier jobs, then later stages, then partitions in order.</summary>
internal readonly record struct TaskPriority(int Job, int NegatedStage, int Partition, int Index) : IComparable<TaskPriority>
{
    public int CompareTo(TaskPriority other)
    {
        var c = Job.CompareTo(other.Job);
        if (c != 0)
            return c;
        c = NegatedStage.CompareTo(other.NegatedStage);
        if (c != 0)
            return c;
        c = Partition.CompareTo(other.Partition);
        return c != 0 ? c : Index.CompareTo(other.Index);
    }
}
