using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;

namespace FramesNet.Physical;

/// <summary>Keeps the output whole (bucket 0) and adds bucket 1: up to <c>sampleRows</c> rows spread evenly over it, for sort boundaries.</summary>
internal sealed class SampleSink(int sampleRows) : TaskSink
{
    internal int SampleRows => sampleRows;

    public override int Buckets => 2;

    public override string Describe() => $"Sample {sampleRows}";

    public override IReadOnlyList<RecordBatch>[] Consume(IEnumerable<RecordBatch> batches, Schema schema, TaskContext context)
    {
        var data = CollectSink.Instance.Consume(batches, schema, context)[0];
        long total = data.Sum(b => (long)b.Length);
        var sample = new List<RecordBatch>();
        if (total > 0)
        {
            var picks = (int)Math.Min(total, sampleRows);
            long position = 0;
            var next = 0;
            foreach (var batch in data)
            {
                var rows = new List<int>();
                while (next < picks && next * total / picks < position + batch.Length)
                    rows.Add((int)(next++ * total / picks - position));
                if (rows.Count > 0)
                    sample.Add(RecordBatchKernels.Take(batch, rows.ToArray()));
                position += batch.Length;
            }
        }
        return [data, sample];
    }
}
