using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>
/// Equi-join on one or more key pairs. Output: the left columns, then the right ones — except that a key
/// with the same name on both sides appears once (from the left; from the right for right joins; the
/// first non-null of both for full joins), and other right columns whose names clash get
/// <see cref="Suffix"/>. Semi and anti joins keep only the left columns. Null keys never match.
/// </summary>
public sealed class JoinNode : LogicalPlan
{
    public JoinNode(LogicalPlan left, LogicalPlan right, JoinType type, IReadOnlyList<string> leftKeys, IReadOnlyList<string> rightKeys,
        string suffix = "_right", JoinStrategy strategy = JoinStrategy.Auto)
    {
        if (leftKeys.Count == 0 || leftKeys.Count != rightKeys.Count)
            throw new PlanException($"a join needs the same number (≥ 1) of keys on both sides, not {leftKeys.Count} and {rightKeys.Count}");
        Left = left;
        Right = right;
        Type = type;
        LeftKeys = leftKeys;
        RightKeys = rightKeys;
        Suffix = suffix;
        Strategy = strategy;
        for (var k = 0; k < leftKeys.Count; k++)
        {
            var l = Field(left.Schema, leftKeys[k], "left");
            var r = Field(right.Schema, rightKeys[k], "right");
            if (Expressions.Binding.TypeCoercion.Common(l.Type, r.Type) is null)
                throw new PlanException($"cannot join {leftKeys[k]} ({l.Type}) with {rightKeys[k]} ({r.Type})");
        }
        Schema = new Schema(OutputColumns().Select(c => c.Field));
    }

    public LogicalPlan Left { get; }
    public LogicalPlan Right { get; }
    public JoinType Type { get; }
    public IReadOnlyList<string> LeftKeys { get; }
    public IReadOnlyList<string> RightKeys { get; }
    public string Suffix { get; }
    public JoinStrategy Strategy { get; }

    public override Schema Schema { get; }

    public override IReadOnlyList<LogicalPlan> Inputs => [Left, Right];

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) =>
        new JoinNode(inputs[0], inputs[1], Type, LeftKeys, RightKeys, Suffix, Strategy);

    public JoinNode WithStrategy(JoinStrategy strategy) => new(Left, Right, Type, LeftKeys, RightKeys, Suffix, strategy);

    /// <summary>
    /// Whether the right side may be broadcast: every partition of the left probes all of it, so the right's
    /// unmatched rows would come once per partition, and only joins that drop them may do it.
    /// </summary>
    public bool CanBroadcastRight => Type is JoinType.Inner or JoinType.Left or JoinType.Semi or JoinType.Anti;

    /// <summary>Whether the left side may be broadcast (joins that drop the left's unmatched rows).</summary>
    public bool CanBroadcastLeft => Type is JoinType.Inner or JoinType.Right;

    /// <summary>
    /// The strategy the join runs with: its own when it is one the join may use; else (not chosen, or chosen
    /// against the rule above) broadcasting the right, then the left, where allowed, else a shuffle — so a
    /// plan the optimiser did not see (or a rule switched off) still answers right.
    /// </summary>
    public JoinStrategy EffectiveStrategy => Strategy switch
    {
        JoinStrategy.BroadcastRight when CanBroadcastRight => JoinStrategy.BroadcastRight,
        JoinStrategy.BroadcastLeft when CanBroadcastLeft => JoinStrategy.BroadcastLeft,
        JoinStrategy.Shuffle => JoinStrategy.Shuffle,
        _ => CanBroadcastRight ? JoinStrategy.BroadcastRight : CanBroadcastLeft ? JoinStrategy.BroadcastLeft : JoinStrategy.Shuffle,
    };

    public override string Describe()
    {
        var on = string.Join(", ", LeftKeys.Zip(RightKeys, (l, r) => l == r ? l : $"{l} = {r}"));
        var strategy = Strategy == JoinStrategy.Auto ? "" : $" strategy={Strategy}";
        return $"Join {Type.ToString().ToLowerInvariant()} on [{on}]{strategy}";
    }

    /// <summary>Where an output column comes from: a left column, a right column, or (full join, shared key) both.</summary>
    internal readonly record struct OutputColumn(Field Field, int LeftIndex, int RightIndex);

    internal IReadOnlyList<OutputColumn> OutputColumns()
    {
        var columns = new List<OutputColumn>();
        var sharedKeys = LeftKeys.Zip(RightKeys).Where(p => p.First == p.Second).Select(p => p.First).ToHashSet();
        var leftNullable = Type is JoinType.Right or JoinType.Full;
        var rightNullable = Type is JoinType.Left or JoinType.Full;
        for (var i = 0; i < Left.Schema.Count; i++)
        {
            var field = Left.Schema[i];
            if (sharedKeys.Contains(field.Name) && Type != JoinType.Semi && Type != JoinType.Anti)
            {
                var r = Right.Schema.IndexOf(field.Name);
                var type = Expressions.Binding.TypeCoercion.Common(field.Type, Right.Schema[r].Type)!;
                columns.Add(Type switch
                {
                    JoinType.Right => new OutputColumn(Right.Schema[r].WithType(type), -1, r),
                    JoinType.Full => new OutputColumn(field.WithType(type).WithNullable(field.Nullable || Right.Schema[r].Nullable), i, r),
                    _ => new OutputColumn(field.WithType(type), i, -1),
                });
            }
            else
            {
                columns.Add(new OutputColumn(leftNullable ? field.WithNullable(true) : field, i, -1));
            }
        }
        if (Type is JoinType.Semi or JoinType.Anti)
            return columns;
        var taken = columns.Select(c => c.Field.Name).ToHashSet();
        for (var j = 0; j < Right.Schema.Count; j++)
        {
            var field = Right.Schema[j];
            if (sharedKeys.Contains(field.Name))
                continue;
            var name = field.Name;
            while (!taken.Add(name))
                name += Suffix;
            var renamed = field.WithName(name);
            columns.Add(new OutputColumn(rightNullable ? renamed.WithNullable(true) : renamed, -1, j));
        }
        return columns;
    }

    private static Field Field(Schema schema, string name, string side)
    {
        var index = schema.TryIndexOf(name);
        if (index < 0)
            throw new PlanException($"join key of the {side} side: {schema.ColumnNotFoundMessage(name)}");
        return schema[index];
    }
}
