namespace FramesNet.Plan;

/// <summary>
/// How a join matches, read as <c>left JOIN right</c>, from the API down to the hash-join kernel (one type in
/// every layer). Null keys never match. Semi and anti return left rows only: semi those with at least one
/// match (each once), anti those with none (NOT EXISTS semantics, so a left row with a null key is kept).
/// </summary>
public enum JoinType
{
    Inner,
    Left,
    Right,
    /// <summary>Full outer join.</summary>
    Full,
    /// <summary>Left rows that have a match on the right (left columns only).</summary>
    Semi,
    /// <summary>Left rows that have no match on the right (left columns only).</summary>
    Anti,
}

/// <summary>How the physical plan executes a join; chosen by the JoinStrategy rule from size estimates.</summary>
public enum JoinStrategy
{
    /// <summary>Not decided yet (before optimisation).</summary>
    Auto,
    /// <summary>The right side is small: every task probes a hash table of all of it.</summary>
    BroadcastRight,
    /// <summary>The left side is small (only for joins that keep no unmatched left rows: inner, right).</summary>
    BroadcastLeft,
    /// <summary>Both sides are hash-partitioned on the keys into buckets joined pairwise.</summary>
    Shuffle,
}
