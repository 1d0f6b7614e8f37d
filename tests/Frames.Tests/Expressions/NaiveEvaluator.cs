using System.Text;
using FramesNet.Expressions;

namespace FramesNet.Tests.Expressions;

/// <summary>
/// The reference the vectorised evaluator is checked against: one row at a time over boxed values, written
/// straight from SQL's rules. Values: long, double, bool, string, int (date32 days) or null.
/// </summary>
internal static class NaiveEvaluator
{
    public static object? Eval(Expr e, IReadOnlyDictionary<string, object?> row) => e switch
    {
        ColumnExpr c => row[c.Name],
        LiteralExpr l => l.Value,
        AliasExpr a => Eval(a.Input, row),
        UnaryExpr u => Unary(u.Op, Eval(u.Input, row)),
        BinaryExpr b => Binary(b.Op, Eval(b.Left, row), Eval(b.Right, row)),
        FunctionExpr { Name: FunctionName.Coalesce } f => Widen(e, f.Arguments.Select(a => Eval(a, row)).FirstOrDefault(v => v is not null)),
        FunctionExpr { Name: FunctionName.Between } f => Binary(BinaryOp.And,
            Binary(BinaryOp.GreaterOrEqual, Eval(f.Arguments[0], row), Eval(f.Arguments[1], row)),
            Binary(BinaryOp.LessOrEqual, Eval(f.Arguments[0], row), Eval(f.Arguments[2], row))),
        FunctionExpr f => StringFunction(f, row),
        InExpr i => In(Eval(i.Input, row), i.Values.Select(v => v.Value).ToArray()),
        CaseExpr c => Widen(c, Case(c, row)),
        _ => throw new NotSupportedException(e.GetType().Name),
    };

    /// <summary>A branch of CASE or COALESCE takes the type of the whole: an integer meets a float as a float.</summary>
    private static object? Widen(Expr whole, object? value) => value is long l && IsFloat(whole) ? (double)l : value;

    private static bool IsFloat(Expr e) => e switch
    {
        ColumnExpr c => c.Name is "x" or "y",
        LiteralExpr l => l.Value is double,
        AliasExpr a => IsFloat(a.Input),
        UnaryExpr { Op: UnaryOp.Negate } u => IsFloat(u.Input),
        BinaryExpr { Op: BinaryOp.Divide } => true,
        BinaryExpr { IsArithmetic: true } b => IsFloat(b.Left) || IsFloat(b.Right),
        FunctionExpr { Name: FunctionName.Coalesce } f => f.Arguments.Any(IsFloat),
        CaseExpr c => Enumerable.Range(0, c.BranchCount).Any(k => IsFloat(c.Value(k))) || IsFloat(c.Otherwise),
        _ => false,
    };

    private static object? Unary(UnaryOp op, object? v) => op switch
    {
        UnaryOp.IsNull => v is null,
        UnaryOp.IsNotNull => v is not null,
        UnaryOp.Not => v is bool b ? !b : null,
        _ => v switch { long l => unchecked(-l), double d => -d, _ => null },
    };

    private static object? Binary(BinaryOp op, object? a, object? b)
    {
        if (op == BinaryOp.And)
            return (a is false || b is false) ? false : (a is null || b is null) ? null : true;
        if (op == BinaryOp.Or)
            return (a is true || b is true) ? true : (a is null || b is null) ? null : false;
        if (a is null || b is null)
            return null;
        if (op <= BinaryOp.Modulo)
            return Arithmetic(op, a, b);
        int c;
        if (a is string sa)
            c = Math.Sign(Encoding.UTF8.GetBytes(sa).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes((string)b)));
        else if (a is bool ba)
            c = ba.CompareTo((bool)b);
        else if (a is long la && b is long lb)
            c = la.CompareTo(lb);
        else if (a is int da && b is int db)
            c = da.CompareTo(db);
        else
        {
            double x = Convert.ToDouble(a), y = Convert.ToDouble(b);
            if (double.IsNaN(x) || double.IsNaN(y))
                return op == BinaryOp.NotEqual;
            c = x < y ? -1 : x > y ? 1 : 0;
        }
        return op switch
        {
            BinaryOp.Equal => c == 0,
            BinaryOp.NotEqual => c != 0,
            BinaryOp.Less => c < 0,
            BinaryOp.LessOrEqual => c <= 0,
            BinaryOp.Greater => c > 0,
            _ => c >= 0,
        };
    }

    private static object? Arithmetic(BinaryOp op, object a, object b)
    {
        if (op == BinaryOp.Divide)
            return Convert.ToDouble(a) / Convert.ToDouble(b);
        if (a is long x && b is long y)
            return op switch
            {
                BinaryOp.Add => unchecked(x + y),
                BinaryOp.Subtract => unchecked(x - y),
                BinaryOp.Multiply => unchecked(x * y),
                _ => y == 0 ? null : y == -1 ? 0L : x % y,
            };
        double p = Convert.ToDouble(a), q = Convert.ToDouble(b);
        return op switch
        {
            BinaryOp.Add => p + q,
            BinaryOp.Subtract => p - q,
            BinaryOp.Multiply => p * q,
            _ => p % q,
        };
    }

    private static object? In(object? v, object?[] list)
    {
        if (v is null) return null;
        bool Same(object? w) => w is not null && Binary(BinaryOp.Equal, v, w is long l && v is double ? (double)l : w) is true;
        return list.Any(Same) ? true : list.Any(w => w is null) ? null : false;
    }

    private static object? Case(CaseExpr c, IReadOnlyDictionary<string, object?> row)
    {
        for (var k = 0; k < c.BranchCount; k++)
            if (Eval(c.Condition(k), row) is true)
                return Eval(c.Value(k), row);
        return Eval(c.Otherwise, row);
    }

    private static object? StringFunction(FunctionExpr f, IReadOnlyDictionary<string, object?> row)
    {
        var v = Eval(f.Arguments[0], row);
        if (v is null) return null;
        if (v is int days)
        {
            var date = DateOnly.FromDayNumber(719_162 + days);
            return f.Name switch
            {
                FunctionName.Year => (long)date.Year,
                FunctionName.Month => (long)date.Month,
                FunctionName.Day => (long)date.Day,
                _ => (long)(((int)date.DayOfWeek + 6) % 7 + 1),
            };
        }
        var s = (string)v;
        var runes = s.EnumerateRunes().Select(r => r.ToString()).ToArray();
        return f.Name switch
        {
            FunctionName.Contains => s.Contains((string)((LiteralExpr)f.Arguments[1]).Value!, StringComparison.Ordinal),
            FunctionName.StartsWith => s.StartsWith((string)((LiteralExpr)f.Arguments[1]).Value!, StringComparison.Ordinal),
            FunctionName.EndsWith => s.EndsWith((string)((LiteralExpr)f.Arguments[1]).Value!, StringComparison.Ordinal),
            FunctionName.Lower => s.ToLowerInvariant(),
            FunctionName.Upper => s.ToUpperInvariant(),
            FunctionName.Length => (long)runes.Length,
            FunctionName.Substring => string.Concat(runes.Skip((int)(long)((LiteralExpr)f.Arguments[1]).Value!)
                .Take(f.Arguments.Count > 2 ? (int)(long)((LiteralExpr)f.Arguments[2]).Value! : int.MaxValue)),
            _ => throw new NotSupportedException(f.Name.ToString()),
        };
    }
}
