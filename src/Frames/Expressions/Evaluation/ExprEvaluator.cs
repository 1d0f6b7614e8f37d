using FramesNet.Columns;
using FramesNet.Expressions.Binding;

namespace FramesNet.Expressions.Evaluation;

/// <summary>Evaluates a bound expression over a whole batch at once, one kernel call per node.</summary>
internal static class ExprEvaluator
{
    /// <summary>The expression's value for every row of <paramref name="batch"/>.</summary>
    public static Column Evaluate(BoundExpr expr, RecordBatch batch) => Eval(expr, batch).ToColumn(batch.Length);

    /// <summary>
    /// A predicate as a selection: the rows where it is true (null counts as false), or null when it
    /// holds for every row — so filters can skip copying.
    /// </summary>
    public static BooleanColumn? EvaluatePredicate(BoundExpr predicate, RecordBatch batch)
    {
        var datum = Eval(predicate, batch);
        if (datum.IsScalar)
            return datum.Scalar!.Value is true ? null : (BooleanColumn)ConstantColumn.Create(false, DataType.Bool, batch.Length);
        return (BooleanColumn)datum.Column!;
    }

    internal static Datum Eval(BoundExpr expr, RecordBatch batch)
    {
        var n = batch.Length;
        switch (expr)
        {
            case BoundColumn c:
                var column = batch.Column(c.Index);
                return column is DictionaryColumn d ? d.Decode() : column;
            case BoundLiteral l:
                return Datum.Constant(l);
            case BoundCast cast:
                return CastKernels.Cast(Eval(cast.Input, batch), cast.Input.Type, cast.Type, n, cast.Source);
            case BoundCase k:
                return SelectionKernels.Case(k.Conditions.Select(c => Eval(c, batch)).ToArray(),
                    k.Values.Select(v => Eval(v, batch)).ToArray(), Eval(k.Otherwise, batch), k.Type, n);
            case BoundIn i:
                return SelectionKernels.In(Eval(i.Input, batch), i.Values, n);
            case BoundCall call:
                return Call(call, batch, n);
            default:
                throw new InvalidOperationException($"no evaluation for {expr.GetType().Name}");
        }
    }

    private static Datum Call(BoundCall call, RecordBatch batch, int n)
    {
        var f = call.Function;
        var args = call.Arguments;
        switch (f)
        {
            case ScalarFunction.And or ScalarFunction.Or:
                return BooleanKernels.AndOr(f == ScalarFunction.And, Eval(args[0], batch), Eval(args[1], batch), n);
            case ScalarFunction.Not:
                return BooleanKernels.Not(Eval(args[0], batch), n);
            case ScalarFunction.IsNull or ScalarFunction.IsNotNull:
                return BooleanKernels.NullTest(f == ScalarFunction.IsNull, Eval(args[0], batch), n);
            case >= ScalarFunction.Add and <= ScalarFunction.Modulo:
                return ArithmeticKernels.Binary(f, Eval(args[0], batch), Eval(args[1], batch), call.Type, n);
            case ScalarFunction.Negate:
                return ArithmeticKernels.Negate(Eval(args[0], batch), call.Type, n);
            case >= ScalarFunction.Equal and <= ScalarFunction.GreaterOrEqual:
                return ComparisonKernels.Compare(f, Eval(args[0], batch), Eval(args[1], batch), n);
            case ScalarFunction.Coalesce:
                return SelectionKernels.Coalesce(args.Select(a => Eval(a, batch)).ToArray(), call.Type, n);
            case ScalarFunction.Contains or ScalarFunction.StartsWith or ScalarFunction.EndsWith:
                return StringKernels.Match(f, Eval(args[0], batch), (string)((BoundLiteral)args[1]).Value!, n);
            case ScalarFunction.Lower or ScalarFunction.Upper:
                return StringKernels.ChangeCase(f == ScalarFunction.Upper, Eval(args[0], batch), n);
            case ScalarFunction.Length:
                return StringKernels.Length(Eval(args[0], batch), n);
            case ScalarFunction.Substring:
                return StringKernels.Substring(Eval(args[0], batch), (long)((BoundLiteral)args[1]).Value!,
                    args.Length > 2 ? (long)((BoundLiteral)args[2]).Value! : null, n);
            default: // date parts
                return DateKernels.Part(f, Eval(args[0], batch), args[0].Type, n);
        }
    }
}
