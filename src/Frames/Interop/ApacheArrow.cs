using FramesNet.Columns;
using A = Apache.Arrow;

namespace FramesNet.Interop;

/// <summary>
/// Single record batches across the Apache.Arrow boundary, without copying values (Arrow's memory layout is the
/// same on both sides). <see cref="Table.ToArrow"/>, <see cref="Frames.FromArrow(IEnumerable{A.RecordBatch}, A.Schema?, FramesContext?, int)"/>
/// and <see cref="DataFrame.MapArrowPartitions"/> are built on these.
/// </summary>
public static class ApacheArrow
{
    /// <summary>
    /// <paramref name="batch"/> as an Apache.Arrow batch viewing the same buffers. The Apache.Arrow batch holds those
    /// buffers until it is garbage-collected: it stays valid after <paramref name="batch"/> is disposed, and Frames
    /// reuses the memory only once no Apache.Arrow buffer viewing it is reachable. Disposing it is allowed and frees nothing.
    /// </summary>
    public static A.RecordBatch ToApache(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return ApacheArrowExport.ToApache(batch);
    }

    /// <summary>
    /// <paramref name="batch"/> as a Frames batch over the same memory (managed or native). Frames takes ownership:
    /// <paramref name="batch"/> is disposed once every Frames batch holding its buffers has been disposed, so do not
    /// dispose it yourself. Types Frames does not hold are refused naming the column.
    /// </summary>
    public static RecordBatch ToFrames(A.RecordBatch batch) => ApacheArrowImport.ToFrames(batch, takeOwnership: true);

    /// <summary>The Frames schema of an Apache.Arrow schema (refusing types Frames does not hold, naming the field).</summary>
    public static Schema ToFrames(A.Schema schema) => ApacheArrowTypes.ToFrames(schema);

    /// <summary>The Apache.Arrow schema of a Frames schema.</summary>
    public static A.Schema ToApache(Schema schema) => ApacheArrowTypes.ToApache(schema);
}
