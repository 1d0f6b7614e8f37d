using FramesNet.Physical;

namespace FramesNet.Execution;

/// <summary>A task of a job failed: names the task, the operator that threw and the input it was reading.</summary>
public sealed class TaskFailedException : Exception
{
    internal TaskFailedException(TaskKey task, string @operator, string input, Exception inner)
        : base($"task {task} failed in {@operator} while reading {input}: {inner.Message}", inner)
    {
        Task = task;
        Operator = @operator;
        Input = input;
    }

    public TaskKey Task { get; }

    /// <summary>The operator that threw (<c>scan</c>, <c>filter</c>, <c>aggregate(partial)</c>, …).</summary>
    public string Operator { get; }

    /// <summary>The input partition the task was reading: a file range, or the keys of input partitions.</summary>
    public string Input { get; }
}
