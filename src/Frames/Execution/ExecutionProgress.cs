namespace FramesNet.Execution;

/// <summary>How far a job is: tasks finished of all, and what the scans have read so far.</summary>
public readonly record struct ExecutionProgress(int TasksDone, int TasksTotal, long RowsRead, long BytesRead, TimeSpan Elapsed)
{
    public double Fraction => TasksTotal == 0 ? 1 : TasksDone / (double)TasksTotal;

    public override string ToString() =>
        $"{TasksDone}/{TasksTotal} tasks, {RowsRead:N0} rows, {BytesRead / 1e6:N1} MB read, {Elapsed.TotalSeconds:N1} s";
}
