using FramesNet.Execution;

namespace FramesNet.Tests.TestSupport;

/// <summary>The largest rows and bytes any progress report of the jobs given it said the scans had read, and the last report.</summary>
internal sealed class RecordedProgress : IProgress<ExecutionProgress>
{
    private readonly Lock _gate = new();

    public long Rows { get; private set; }

    public long Bytes { get; private set; }

    public ExecutionProgress? Last { get; private set; }

    public void Report(ExecutionProgress value)
    {
        lock (_gate)
        {
            Rows = Math.Max(Rows, value.RowsRead);
            Bytes = Math.Max(Bytes, value.BytesRead);
            Last = value;
        }
    }
}
