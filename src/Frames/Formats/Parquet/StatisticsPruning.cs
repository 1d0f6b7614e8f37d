using System.Text;
using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Plan.Optimizer;

namespace FramesNet.Formats.Parquet;

/// <summary>The values a piece of data holds in one column, as its metadata tells: bounds (when known) and nulls.</summary>
/// <param name="Min">long, double or UTF-8/binary bytes; null when unknown.</param>
/// <param name="NullCount">null when unknown.</param>
internal readonly record struct ValueRange(object? Min, object? Max, long? NullCount, long Rows);

/// <summary>
/// Decides from min/max/null counts that a piece (a row group; the files of a Hive partition) holds no row a filter
/// keeps. Each AND-ed part of the filter of the form <c>column op literal</c> (= != &lt; &lt;= &gt; &gt;=),
/// <c>IsNull</c>, <c>IsNotNull</c> or <c>IsIn</c> is tested; anything else is assumed to match. A piece is skipped
/// only when some part can be true of none of its rows (comparisons with null are never true).
/// </summary>
internal static class StatisticsPruning
{
    /// <summary>The AND-ed parts of <paramref name="filter"/> this pruning can use (for EXPLAIN).</summary>
    public static IReadOnlyList<Expr> Usable(Expr? filter, Schema schema) =>
        filter is null ? [] : PlanExpressions.Conjuncts(filter).Where(c => Test(c, schema, _ => new ValueRange(null, null, null, 1)) is not null).ToList();

    /// <summary>False when <paramref name="filter"/> keeps no row of the piece whose columns <paramref name="range"/> describes.</summary>
    public static bool MayMatch(Expr? filter, Schema schema, Func<string, ValueRange?> range)
    {
        if (filter is null)
            return true;
        foreach (var conjunct in PlanExpressions.Conjuncts(filter))
            if (Test(conjunct, schema, range) == false)
                return false;
        return true;
    }

    /// <summary>True or false when the part can be decided or is usable, null when this pruning does not understand it.</summary>
    private static bool? Test(Expr e, Schema schema, Func<string, ValueRange?> range)
    {
        switch (e)
        {
            case UnaryExpr { Op: UnaryOp.IsNull or UnaryOp.IsNotNull, Input: ColumnExpr column } unary:
            {
                if (schema.TryIndexOf(column.Name) < 0 || range(column.Name) is not { } r)
                    return null;
                if (r.NullCount is not { } nulls)
                    return true;
                return unary.Op == UnaryOp.IsNull ? nulls > 0 : nulls < r.Rows;
            }
            case BinaryExpr { IsComparison: true } binary:
            {
                var (column, literal, op) = binary switch
                {
                    { Left: ColumnExpr c, Right: LiteralExpr l } => (c, l, binary.Op),
                    { Left: LiteralExpr l, Right: ColumnExpr c } => (c, l, Flip(binary.Op)),
                    _ => (null, null, binary.Op),
                };
                if (column is null || literal is null)
                    return null;
                var index = schema.TryIndexOf(column.Name);
                if (index < 0)
                    return null;
                var type = schema[index].Type;
                if (Comparable(literal, type) is not { } value || range(column.Name) is not { } r)
                    return null;
                if (r.NullCount == r.Rows)
                    return false;
                if (op == BinaryOp.NotEqual && IsFloat(type))
                    return true; // NaN != x is true, and statistics leave NaN out
                return MayHold(op, value, r);
            }
            case InExpr { Input: ColumnExpr column } @in:
            {
                var index = schema.TryIndexOf(column.Name);
                if (index < 0)
                    return null;
                var type = schema[index].Type;
                var values = @in.Values.Select(l => Comparable(l, type)).ToList();
                if (values.Any(v => v is null) || range(column.Name) is not { } r)
                    return null;
                if (r.NullCount == r.Rows)
                    return false;
                return values.Any(v => MayHold(BinaryOp.Equal, v!, r));
            }
            default:
                return null;
        }
    }

    private static bool MayHold(BinaryOp op, object value, ValueRange r)
    {
        if (r.Min is null || r.Max is null)
            return true;
        var vsMin = Compare(value, r.Min);
        var vsMax = Compare(value, r.Max);
        if (vsMin is not { } lo || vsMax is not { } hi)
            return true;
        return op switch
        {
            BinaryOp.Equal => lo >= 0 && hi <= 0,
            BinaryOp.NotEqual => !(lo == 0 && hi == 0),
            BinaryOp.Less => lo > 0,            // some value < v ⇔ min < v
            BinaryOp.LessOrEqual => lo >= 0,
            BinaryOp.Greater => hi < 0,         // some value > v ⇔ max > v
            BinaryOp.GreaterOrEqual => hi <= 0,
            _ => true,
        };
    }

    private static BinaryOp Flip(BinaryOp op) => op switch
    {
        BinaryOp.Less => BinaryOp.Greater,
        BinaryOp.LessOrEqual => BinaryOp.GreaterOrEqual,
        BinaryOp.Greater => BinaryOp.Less,
        BinaryOp.GreaterOrEqual => BinaryOp.LessOrEqual,
        _ => op,
    };

    private static bool IsFloat(DataType type) => type.Id is TypeId.Float32 or TypeId.Float64;

    /// <summary>The literal in the form statistics of a <paramref name="type"/> column are kept (long, double, bytes), or null when they do not compare.</summary>
    private static object? Comparable(LiteralExpr literal, DataType type)
    {
        if (type.Id == TypeId.Dictionary)
            type = type.ValueType!;
        return (type.Id, literal.Value) switch
        {
            (_, null) => null,
            (TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Float32 or TypeId.Float64, long l) => l,
            (TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64 or TypeId.Float32 or TypeId.Float64, double d) when !double.IsNaN(d) => d,
            (TypeId.Date32, int days) when literal.Type.Id == TypeId.Date32 => (long)days,
            (TypeId.Timestamp, long ticks) when literal.Type == type => ticks,
            (TypeId.Utf8 or TypeId.LargeUtf8, string s) => Encoding.UTF8.GetBytes(s),
            (TypeId.Binary or TypeId.LargeBinary, byte[] b) => b,
            _ => null,
        };
    }

    private static int? Compare(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (long x, double y) => ((double)x).CompareTo(y),
        (double x, long y) => x.CompareTo((double)y),
        (double x, double y) => x.CompareTo(y),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        _ => null,
    };
}
