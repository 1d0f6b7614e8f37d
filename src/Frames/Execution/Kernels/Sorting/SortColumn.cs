namespace FramesNet.Execution.Kernels;

/// <summary>
/// One sort key: the column, its direction, and where nulls go (independent of direction; default last).
/// Order within a type: numbers ascending with -0.0 equal to 0.0 and NaN after every number (so first when
/// descending); utf8/binary by bytes (ordinal UTF-8); false before true; dates and timestamps by time.
/// </summary>
public readonly record struct SortColumn(int Column, bool Descending = false, bool NullsFirst = false)
{
    public override string ToString() => $"#{Column} {(Descending ? "desc" : "asc")} nulls {(NullsFirst ? "first" : "last")}";
}
