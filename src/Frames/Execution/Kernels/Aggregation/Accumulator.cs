using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// The state of one aggregate for every group, in arrays indexed by group id. Each method handles a whole
/// batch with a typed loop, so there is one virtual call per batch and aggregate, none per row.
/// </summary>
internal abstract class Accumulator(string name)
{
    public string Name { get; } = name;

    /// <summary>The state columns' fields, as <see cref="HashAggregator.StateSchema"/> lists them.</summary>
    public abstract IReadOnlyList<Field> StateFields { get; }

    public abstract DataType ResultType { get; }

    /// <summary>Makes room for <paramref name="groups"/> groups (new groups start empty).</summary>
    public abstract void Resize(int groups);

    /// <summary>Folds input rows in: row i belongs to group <c>groupIds[i]</c>; row i's ordinal is <paramref name="ordinalBase"/> + i.</summary>
    public abstract void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase);

    /// <summary>Folds state rows in (the columns of <see cref="StateFields"/>).</summary>
    public abstract void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds);

    /// <summary>The state of groups [0, <paramref name="groups"/>).</summary>
    public abstract Column[] State(int groups);

    /// <summary>The results of groups [0, <paramref name="groups"/>).</summary>
    public abstract Column Result(int groups);

    protected static int Capacity(int current, int needed) => needed <= current ? current : Math.Max(needed, Math.Max(16, current * 2));
}
