using FramesNet.Columns;
using FramesNet.Expressions;
using FramesNet.Oracle.Tests.Data;
using static FramesNet.Frames;

namespace FramesNet.Oracle.Tests.Plans;

/// <summary>The kinds of value the generator asks for; each maps to the Frames types that belong to it.</summary>
internal enum ValueKind { Int, Float, Bool, Text, Date, Timestamp }

/// <summary>
/// Random expressions of a wanted kind over the exact columns of a schema, valid by construction: operands
/// are chosen of types Frames accepts, so every expression binds. Multiplication takes a small right operand
/// and uint − uint is cast to int64 first, so int64 arithmetic stays far from overflow (Frames wraps,
/// DuckDB raises). Timestamps cast to int64 appear only inside comparisons (their sums would overflow).
/// </summary>
internal sealed class ExprGenerator(Random random, OracleSchema schema)
{
    private static readonly DataType Micros = DataType.Timestamp(TimeUnit.Microsecond);

    public static ValueKind? KindOf(DataType type) => type.Logical switch
    {
        { IsInteger: true } => ValueKind.Int,
        { IsFloating: true } => ValueKind.Float,
        { Id: TypeId.Bool } => ValueKind.Bool,
        { IsString: true } => ValueKind.Text,
        { Id: TypeId.Date32 } => ValueKind.Date,
        { Id: TypeId.Timestamp } => ValueKind.Timestamp,
        _ => null,
    };

    private List<OracleField> Columns(ValueKind kind) =>
        schema.Fields.Where(f => f.Exact && KindOf(f.Type) == kind).ToList();

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private bool Chance(int percent) => random.Next(100) < percent;

    public Expr Generate(ValueKind kind, int depth)
    {
        var columns = Columns(kind);
        if (depth <= 0 || Chance(25))
            return columns.Count > 0 && !Chance(15) ? Col(Pick(columns).Name) : Literal(kind);
        return kind switch
        {
            ValueKind.Int => Int(depth),
            ValueKind.Float => Float(depth),
            ValueKind.Bool => Bool(depth),
            ValueKind.Text => Text(depth),
            ValueKind.Date => Date(depth),
            _ => Timestamp(depth),
        };
    }

    public Expr Literal(ValueKind kind) => kind switch
    {
        ValueKind.Int => Lit((long)random.Next(-5, 12)),
        ValueKind.Float => Lit(random.Next(-40, 40) / 4.0),
        ValueKind.Bool => Lit(Chance(50)),
        ValueKind.Text => Lit(Pick(TableGenerator.Words)),
        ValueKind.Date => Lit(ValueText.DateOf(18_000 + random.Next(-400, 900))),
        _ => Lit(ValueText.DateTimeOf((18_000L + random.Next(-400, 900)) * 86_400_000_000L + random.NextInt64(86_400_000_000L))),
    };

    private Expr Sub(ValueKind kind, int depth) => Generate(kind, depth - 1);

    private Expr Int(int depth)
    {
        switch (random.Next(14))
        {
            case 0 or 1:
            {
                var (a, b) = (Sub(ValueKind.Int, depth), Sub(ValueKind.Int, depth));
                var op = random.Next(3);
                if (op == 1 && ExprTypes.Of(a, schema).IsUnsignedInteger && ExprTypes.Of(b, schema).IsUnsignedInteger)
                    a = a.Cast(DataType.Int64);
                return op switch { 0 => a + b, 1 => a - b, _ => a % b };
            }
            case 2:
                return Sub(ValueKind.Int, depth) * (Columns(ValueKind.Int).Count > 0 && Chance(50) ? Col(Pick(Columns(ValueKind.Int)).Name) % 7 : Literal(ValueKind.Int));
            case 3:
                return -Sub(ValueKind.Int, depth);
            case 4:
                return Sub(ValueKind.Text, depth).Length();
            case 5:
            {
                var date = Chance(70) ? Sub(ValueKind.Date, depth) : Sub(ValueKind.Timestamp, depth);
                return random.Next(4) switch { 0 => date.Year(), 1 => date.Month(), 2 => date.Day(), _ => date.DayOfWeek() };
            }
            case 6:
                return Cast(Pick([ValueKind.Float, ValueKind.Text, ValueKind.Bool, ValueKind.Date, ValueKind.Int]), depth,
                    Pick([DataType.Int64, DataType.Int64, DataType.Int32, DataType.Int16, DataType.Int8, DataType.UInt8]));
            case 7 or 8:
                return Coalesce(Sub(ValueKind.Int, depth), Sub(ValueKind.Int, depth));
            case 9:
                return Case(ValueKind.Int, depth);
            default:
                return Generate(ValueKind.Int, 0);
        }
    }

    private Expr Float(int depth)
    {
        switch (random.Next(10))
        {
            case 0 or 1:
            {
                var a = Sub(ValueKind.Float, depth);
                var b = Sub(Chance(50) ? ValueKind.Int : ValueKind.Float, depth);
                return random.Next(4) switch { 0 => a + b, 1 => b - a, 2 => a * Literal(ValueKind.Float), _ => a % b };
            }
            case 2 or 3:
                return Sub(Chance(50) ? ValueKind.Int : ValueKind.Float, depth) / Sub(Chance(50) ? ValueKind.Int : ValueKind.Float, depth);
            case 4:
                return -Sub(ValueKind.Float, depth);
            case 5:
                return Cast(Pick([ValueKind.Int, ValueKind.Text, ValueKind.Bool]), depth, Chance(80) ? DataType.Float64 : DataType.Float32);
            case 6:
                return Sub(ValueKind.Float, depth).FillNull(Literal(ValueKind.Float));
            case 7:
                return Case(ValueKind.Float, depth);
            default:
                return Generate(ValueKind.Float, 0);
        }
    }

    private Expr Bool(int depth)
    {
        switch (random.Next(16))
        {
            case 0 or 1 or 2:
                return Comparison(depth);
            case 3:
                return Sub(ValueKind.Bool, depth) & Sub(ValueKind.Bool, depth);
            case 4:
                return Sub(ValueKind.Bool, depth) | Sub(ValueKind.Bool, depth);
            case 5:
                return !Sub(ValueKind.Bool, depth);
            case 6:
                return Chance(50) ? Sub(AnyKind(), depth).IsNull() : Sub(AnyKind(), depth).IsNotNull();
            case 7:
            {
                var kind = Pick([ValueKind.Int, ValueKind.Text, ValueKind.Date, ValueKind.Float]);
                var values = Enumerable.Range(0, random.Next(1, 4)).Select(_ => (object?)Literal(kind)).ToList();
                if (Chance(25))
                    values.Add(null);
                return Sub(kind, depth).IsIn(values.ToArray());
            }
            case 8:
            {
                var kind = Pick([ValueKind.Int, ValueKind.Float, ValueKind.Date, ValueKind.Text]);
                return Sub(kind, depth).Between(Literal(kind), Literal(kind));
            }
            case 9:
            {
                var text = Sub(ValueKind.Text, depth);
                var needle = Pick(TableGenerator.Words);
                needle = needle[..random.Next(Math.Min(needle.Length, 3) + 1)];
                return random.Next(3) switch { 0 => text.Contains(needle), 1 => text.StartsWith(needle), _ => text.EndsWith(needle) };
            }
            case 10:
                return Cast(ValueKind.Int, depth, DataType.Bool);
            case 11 when Columns(ValueKind.Timestamp).Count > 0:
                return Col(Pick(Columns(ValueKind.Timestamp)).Name).Cast(DataType.Int64) > Lit(18_300L * 86_400_000_000L);
            case 12:
                return Case(ValueKind.Bool, depth);
            default:
                return Generate(ValueKind.Bool, 0);
        }
    }

    private Expr Comparison(int depth)
    {
        var kind = AnyKind();
        var left = Sub(kind, depth);
        var right = kind switch
        {
            ValueKind.Int or ValueKind.Float => Sub(Chance(50) ? ValueKind.Int : ValueKind.Float, depth),
            ValueKind.Date or ValueKind.Timestamp => Chance(20)
                ? Lit(ValueText.Date(18_000 + random.Next(-400, 900)))
                : Sub(Chance(70) ? kind : ValueKind.Date, depth),
            _ => Chance(10) ? Lit(null) : Sub(kind, depth),
        };
        return random.Next(6) switch { 0 => left == right, 1 => left != right, 2 => left < right, 3 => left <= right, 4 => left > right, _ => left >= right };
    }

    private Expr Text(int depth)
    {
        switch (random.Next(10))
        {
            case 0:
                return Sub(ValueKind.Text, depth).Lower();
            case 1:
                return Sub(ValueKind.Text, depth).Upper();
            case 2:
                return Chance(50) ? Sub(ValueKind.Text, depth).Substring(random.Next(4)) : Sub(ValueKind.Text, depth).Substring(random.Next(4), random.Next(4));
            case 3 or 4:
                return Coalesce(Sub(ValueKind.Text, depth), Literal(ValueKind.Text));
            case 5:
                return Case(ValueKind.Text, depth);
            case 6:
                return Cast(Pick([ValueKind.Int, ValueKind.Bool, ValueKind.Date]), depth, DataType.Utf8);
            default:
                return Generate(ValueKind.Text, 0);
        }
    }

    private Expr Date(int depth) => random.Next(5) switch
    {
        0 => Coalesce(Sub(ValueKind.Date, depth), Literal(ValueKind.Date)),
        1 => Case(ValueKind.Date, depth),
        2 => Cast(ValueKind.Timestamp, depth, DataType.Date32),
        _ => Generate(ValueKind.Date, 0),
    };

    private Expr Timestamp(int depth) => random.Next(4) switch
    {
        0 => Coalesce(Sub(ValueKind.Timestamp, depth), Sub(ValueKind.Date, depth)),
        1 => Cast(ValueKind.Date, depth, Micros),
        _ => Generate(ValueKind.Timestamp, 0),
    };

    /// <summary>A cast of a <paramref name="from"/> expression to <paramref name="to"/>, or a plain expression of that kind when the cast is not one the oracle makes.</summary>
    private Expr Cast(ValueKind from, int depth, DataType to)
    {
        var input = Sub(from, depth);
        var type = ExprTypes.Of(input, schema);
        if (!SqlCasts.Allowed(type, to))
            return Generate(KindOf(to)!.Value, 0);
        return SqlCasts.CanFail(type, to) ? input.TryCast(to) : input.Cast(to);
    }

    private Expr Case(ValueKind kind, int depth)
    {
        var then = When(Sub(ValueKind.Bool, depth)).Then(Sub(kind, depth));
        if (Chance(30))
            then = then.When(Sub(ValueKind.Bool, depth)).Then(Sub(kind, depth));
        return Chance(25) ? then : then.Otherwise(Sub(kind, depth));
    }

    private ValueKind AnyKind()
    {
        var present = schema.Fields.Where(f => f.Exact).Select(f => KindOf(f.Type)).OfType<ValueKind>().ToList();
        return present.Count > 0 && Chance(85) ? Pick(present) : (ValueKind)random.Next(6);
    }
}
