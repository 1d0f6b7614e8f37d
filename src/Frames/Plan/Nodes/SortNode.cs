using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>Orders rows by <see cref="Keys"/> (stable); with <see cref="Limit"/> only the first rows are wanted (top-k).</summary>
public sealed class SortNode : LogicalPlan
{
    public SortNode(LogicalPlan input, IReadOnlyList<SortKey> keys, long? limit = null)
    {
        if (keys.Count == 0)
            throw new PlanException("a sort needs at least one key");
        foreach (var key in keys)
            if (input.Schema.TryIndexOf(key.Column) < 0)
                throw new PlanException($"sort key: {input.Schema.ColumnNotFoundMessage(key.Column)}");
        Input = input;
        Keys = keys;
        Limit = limit;
    }

    public LogicalPlan Input { get; }

    public IReadOnlyList<SortKey> Keys { get; }

    /// <summary>Set by the top-k rule when only the first rows are needed.</summary>
    public long? Limit { get; }

    public override Schema Schema => Input.Schema;

    public override IReadOnlyList<LogicalPlan> Inputs => [Input];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new SortNode(inputs[0], Keys, Limit);

    public override string Describe() =>
        Limit is null ? $"Sort [{string.Join(", ", Keys)}]" : $"TopK k={Limit} [{string.Join(", ", Keys)}]";
}
