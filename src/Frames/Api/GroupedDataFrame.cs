using FramesNet.Expressions;
using FramesNet.Plan;

namespace FramesNet;

/// <summary>A DataFrame with group keys chosen: <see cref="Agg"/> says what to compute per group.</summary>
public sealed class GroupedDataFrame
{
    private readonly DataFrame _frame;
    private readonly Expr[] _keys;

    internal GroupedDataFrame(DataFrame frame, Expr[] keys)
    {
        _frame = frame;
        _keys = keys;
    }

    /// <summary>One row per group: the keys, then one column per aggregate.</summary>
    public DataFrame Agg(params AggregateExpr[] aggregates)
    {
        try
        {
            return new DataFrame(new AggregateNode(_frame.Plan, _keys, aggregates), _frame.Context);
        }
        catch (ExpressionException e)
        {
            throw new PlanException(e.Message, e);
        }
    }

    /// <summary>Rows per group, in a column called <c>count</c>.</summary>
    public DataFrame Count() => Agg(Frames.Count());
}
