using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Expressions.Binding;
using FramesNet.Expressions.Evaluation;

namespace FramesNet.Plan.Optimizer;

/// <summary>
/// Computes parts of expressions that read no column once, at planning time (<c>fare &gt; 10 * 2</c> becomes
/// <c>fare &gt; 20</c>), simplifies <c>x AND true</c>, <c>x OR false</c> and their absorbing cases, and drops
/// filters that are always true.
/// </summary>
public sealed class ConstantFolding : IOptimizerRule
{
    private static readonly Schema NoColumns = new();
    private static readonly RecordBatch OneRow = new(NoColumns, [], 1);

    public string Name => "constant_folding";

    public LogicalPlan Rewrite(LogicalPlan plan, OptimizerOptions options) => plan.Transform(node =>
    {
        var folded = PlanExpressions.Map(node, e => e.Transform(Fold));
        return folded is FilterNode { Predicate: LiteralExpr { Value: true } } filter ? filter.Input : folded;
    });

    internal static Expr Fold(Expr e)
    {
        if (e is BinaryExpr { IsLogical: true } b)
        {
            var isAnd = b.Op == BinaryOp.And;
            if (b.Right is LiteralExpr { Value: bool r })
                return r == isAnd ? b.Left : r;            // x AND true = x; x AND false = false; x OR true = true
            if (b.Left is LiteralExpr { Value: bool l })
                return l == isAnd ? b.Right : l;
        }
        if (e is LiteralExpr or ColumnExpr or AliasExpr || e.Children.Any(c => c is not LiteralExpr))
            return e;
        try
        {
            var bound = Binder.Bind(e, NoColumns);
            var value = ExprEvaluator.Eval(bound, OneRow);
            return value.IsScalar ? new LiteralExpr(value.Scalar!.Value, bound.Type) : new LiteralExpr(value.Column!.GetValue(0), bound.Type);
        }
        catch (ExpressionException)
        {
            return e; // leave it for the binder to report in context
        }
    }
}
