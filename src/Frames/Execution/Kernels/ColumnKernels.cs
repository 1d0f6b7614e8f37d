namespace FramesNet.Execution.Kernels;

/// <summary>
/// Selection and gather over single columns: <see cref="Filter"/> by a boolean mask, <see cref="Take"/> by row
/// indices (index -1 yields a null, which is how outer joins pad the missing side) and <see cref="Concat"/>.
/// Every kernel returns a new column (or the input itself when nothing changes) and never mutates its inputs.
/// </summary>
/// <remarks>
/// Typed loops over spans for each physical layout; validity is only materialised when the result has nulls;
/// strings copy byte ranges. Dictionary columns stay dictionary-encoded (only the indices move).
/// </remarks>
public static partial class ColumnKernels
{
}
