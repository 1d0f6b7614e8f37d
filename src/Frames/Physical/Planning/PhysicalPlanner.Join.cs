using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Expressions;
using FramesNet.Expressions.Binding;
using FramesNet.Plan;

namespace FramesNet.Physical;

internal sealed partial class PhysicalPlanner
{
    /// <summary>
    /// Broadcast: every partition of the big side probes a hash table of the whole small side (a side
    /// input). Shuffle: both sides are hash-partitioned on the keys into the same buckets, and bucket i of
    /// one side is joined with bucket i of the other. Either way a projection then shapes the join's
    /// output into the plan's columns. A partition may already read side inputs (earlier joins fused onto
    /// it), so each join operator is told the position its build side got in its own partition.
    /// </summary>
    private PartitionSet PlanJoin(JoinNode join)
    {
        var left = CastKeys(Plan(join.Left), join.Left.Schema, join.LeftKeys, join.Right.Schema, join.RightKeys);
        var right = CastKeys(Plan(join.Right), join.Right.Schema, join.RightKeys, join.Left.Schema, join.LeftKeys);
        var leftKeys = join.LeftKeys.Select(left.Schema.IndexOf).ToArray();
        var rightKeys = join.RightKeys.Select(right.Schema.IndexOf).ToArray();
        var type = join.Type;
        PartitionSet joined;
        switch (join.EffectiveStrategy)
        {
            case JoinStrategy.BroadcastLeft:
            {
                var build = Cut(left, "join_build");
                joined = right.ThenReading(build, (_, side) => new HashJoinOperator(left.Schema, leftKeys, right.Schema, rightKeys, type, JoinSide.Left, side));
                break;
            }
            case JoinStrategy.Shuffle:
            {
                var buckets = _options.EffectiveShuffleBuckets;
                var leftBuckets = CutIntoBuckets(left, "join_shuffle_left", new HashPartitionSink(leftKeys, join.LeftKeys, buckets));
                var rightBuckets = CutIntoBuckets(right, "join_shuffle_right", new HashPartitionSink(rightKeys, join.RightKeys, buckets));
                var parts = new List<PendingPartition>();
                for (var b = 0; b < buckets; b++)
                {
                    var part = PendingPartition.Over(left.Schema, leftBuckets[b]);
                    var side = part.AddSideInput(rightBuckets[b]);
                    parts.Add(part.Then(new HashJoinOperator(left.Schema, leftKeys, right.Schema, rightKeys, type, JoinSide.Right, side)));
                }
                joined = new PartitionSet(parts[0].Schema, parts);
                break;
            }
            default: // BroadcastRight
            {
                var build = Cut(right, "join_build");
                joined = left.ThenReading(build, (_, side) => new HashJoinOperator(left.Schema, leftKeys, right.Schema, rightKeys, type, JoinSide.Right, side));
                break;
            }
        }
        return joined.Then(schema => new ProjectOperator(schema, OutputExpressions(join, schema, left.Schema.Count), join.Schema));
    }

    /// <summary>Where key types differ (int32 vs int64), both sides get the common type, so equal values hash and compare equal.</summary>
    private static PartitionSet CastKeys(PartitionSet side, Schema schema, IReadOnlyList<string> keys, Schema other, IReadOnlyList<string> otherKeys)
    {
        var casts = new Dictionary<string, DataType>();
        for (var k = 0; k < keys.Count; k++)
        {
            var mine = schema[keys[k]].Type;
            var common = TypeCoercion.Common(mine, other[otherKeys[k]].Type)!;
            if (common != mine)
                casts[keys[k]] = common;
        }
        if (casts.Count == 0)
            return side;
        var exprs = schema.Fields.Select(f => casts.TryGetValue(f.Name, out var t) ? new ColumnExpr(f.Name).Cast(t).Alias(f.Name) : (Expr)new ColumnExpr(f.Name)).ToArray();
        var output = new Schema(schema.Fields.Select(f => casts.TryGetValue(f.Name, out var t) ? f.WithType(t) : f));
        return side.Then(s => new ProjectOperator(s, exprs, output));
    }

    /// <summary>
    /// The plan's join columns over the kernel's output (left columns, then right ones under the kernel's names).
    /// A key cast to the common type for the join (int32 joined with int64) that the plan keeps apart from the
    /// other side's key is cast back to its own type.
    /// </summary>
    private static Expr[] OutputExpressions(JoinNode join, Schema kernelOutput, int leftWidth) =>
        join.OutputColumns().Select(c =>
        {
            Expr Left() => new ColumnExpr(kernelOutput[c.LeftIndex].Name);
            Expr Right() => new ColumnExpr(kernelOutput[leftWidth + c.RightIndex].Name);
            var value = c.LeftIndex >= 0 && c.RightIndex >= 0 ? Frames.Coalesce(Left(), Right()) : c.LeftIndex >= 0 ? Left() : Right();
            var kernelType = c.LeftIndex >= 0 ? kernelOutput[c.LeftIndex].Type : kernelOutput[leftWidth + c.RightIndex].Type;
            if (kernelType.Logical != c.Field.Type.Logical)
                value = value.Cast(c.Field.Type);
            return value is ColumnExpr col && col.Name == c.Field.Name ? value : value.Alias(c.Field.Name);
        }).ToArray();
}
