using FramesNet.Columns;
using A = Apache.Arrow;

namespace FramesNet.Interop;

/// <summary>A function over Apache.Arrow batches as one over Frames batches (see <see cref="DataFrame.MapArrowPartitions"/>).</summary>
internal sealed class ApacheArrowMapper(Func<A.RecordBatch, A.RecordBatch> function)
{
    public RecordBatch Map(RecordBatch input)
    {
        var output = function(ApacheArrowExport.ToApache(input));
        if (output is null)
            throw new InvalidOperationException($"the function given to MapArrowPartitions ({function.Method.Name}) returned null instead of a batch");
        return ApacheArrowImport.ToFrames(output, takeOwnership: true);
    }
}
