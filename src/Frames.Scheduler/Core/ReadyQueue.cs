namespace FramesNet.Scheduler.Core;

/// <summary>
/// Ready tasks waiting for room, in scheduling order: earlier jobs first, later stages first (they free
/// memory); within one stage of one job, first in first out. A FIFO per (job, stage) and a small heap of
/// those keys make both operations O(1) for the common case, where a 100,000-task stage would cost a
/// binary heap a dozen cache misses per task.
/// </summary>
/// <remarks>Entries are not removed when a task leaves Ready some other way; takers skip them.</remarks>
internal sealed class ReadyQueue
{
    private readonly Dictionary<(int Job, int NegatedStage), Queue<TaskInfo>> _buckets = [];
    private readonly PriorityQueue<Queue<TaskInfo>, (int Job, int NegatedStage)> _order = new();

    public int Count { get; private set; }

    public void Enqueue(TaskInfo task)
    {
        var key = (task.Job.Sequence, -task.Definition.Stage);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new Queue<TaskInfo>();
            _buckets.Add(key, bucket);
            _order.Enqueue(bucket, key);
        }
        bucket.Enqueue(task);
        Count++;
    }

    public bool TryDequeue(out TaskInfo task)
    {
        while (_order.TryPeek(out var bucket, out var key))
        {
            if (bucket.TryDequeue(out task!))
            {
                Count--;
                return true;
            }
            _order.Dequeue();
            _buckets.Remove(key);
        }
        task = null!;
        return false;
    }

    /// <summary>Drops the entries of tasks no longer Ready or of jobs that ended.</summary>
    public void Sweep()
    {
        foreach (var bucket in _buckets.Values)
        {
            var live = bucket.Where(t => t.State == TaskState.Ready && !t.Job.Ended).ToList();
            Count -= bucket.Count - live.Count;
            bucket.Clear();
            foreach (var task in live)
                bucket.Enqueue(task);
        }
    }
}
