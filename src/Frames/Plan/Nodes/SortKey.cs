namespace FramesNet.Plan;

/// <summary>One key of a sort: a column, its direction, and where nulls go (last by default, in either direction).</summary>
public sealed record SortKey(string Column, bool Descending = false, bool? NullsFirst = null)
{
    /// <summary>Whether nulls sort before values for this key.</summary>
    public bool NullsGoFirst => NullsFirst ?? false;

    public static SortKey Asc(string column, bool? nullsFirst = null) => new(column, false, nullsFirst);

    public static SortKey Desc(string column, bool? nullsFirst = null) => new(column, true, nullsFirst);

    public override string ToString() =>
        $"{Column} {(Descending ? "desc" : "asc")}{(NullsFirst is null ? "" : NullsGoFirst ? " nulls first" : " nulls last")}";
}
