namespace FramesNet.Execution.Kernels;

/// <summary>The aggregate functions of <see cref="HashAggregator"/>. All but <see cref="CountAll"/> skip nulls.</summary>
public enum AggregateKind
{
    /// <summary>count(*): rows in the group, nulls included. Int64.</summary>
    CountAll,
    /// <summary>count(col): non-null values. Int64.</summary>
    Count,
    /// <summary>Integers (and bool: no) sum to int64, throwing <see cref="OverflowException"/> past its range; floats sum to float64. Null when the group has no value.</summary>
    Sum,
    /// <summary>Float64 mean; null when the group has no value.</summary>
    Mean,
    /// <summary>Smallest value, input type. Floats: NaN is above every number. Strings: byte order.</summary>
    Min,
    /// <summary>Largest value, input type.</summary>
    Max,
    /// <summary>The first non-null value in input order (see <see cref="HashAggregatorOptions.PartitionIndex"/>).</summary>
    First,
    /// <summary>The last non-null value in input order.</summary>
    Last,
    /// <summary>Sample standard deviation (ddof = 1), float64; null when fewer than two values.</summary>
    Std,
    /// <summary>Sample variance (ddof = 1), float64; null when fewer than two values.</summary>
    Var,
    /// <summary>Number of distinct non-null values, int64 (-0.0 equals 0.0; all NaNs count as one).</summary>
    CountDistinct,
}
