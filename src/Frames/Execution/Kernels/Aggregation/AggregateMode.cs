namespace FramesNet.Execution.Kernels;

/// <summary>Which phase of a (possibly distributed) aggregation a <see cref="HashAggregator"/> runs.</summary>
public enum AggregateMode
{
    /// <summary>Input rows → state rows (keys, then each aggregate's state columns).</summary>
    Partial,
    /// <summary>State rows → state rows (a tree-reduction step).</summary>
    Combine,
    /// <summary>State rows → result rows.</summary>
    Final,
    /// <summary>Input rows → result rows in one go.</summary>
    Single,
}
