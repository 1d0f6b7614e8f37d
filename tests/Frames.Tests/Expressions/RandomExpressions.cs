using FramesNet.Columns;
using FramesNet.Expressions;
using static FramesNet.Expressions.Expr;

namespace FramesNet.Tests.Expressions;

/// <summary>Random rows and random well-typed expressions over them, for checking the evaluator against <see cref="NaiveEvaluator"/>.</summary>
internal sealed class RandomExpressions(int seed)
{
    private readonly Random _random = new(seed);

    public static Schema Schema { get; } = new(
        new Field("i", DataType.Int64), new Field("j", DataType.Int64), new Field("x", DataType.Float64),
        new Field("y", DataType.Float64), new Field("s", DataType.Utf8), new Field("t", DataType.Utf8),
        new Field("b", DataType.Bool), new Field("d", DataType.Date32));

    private static readonly string[] Words = ["", "a", "ab", "abc", "B", "éclair", "ÄÖ", "naïve", "a,b", "zz", "日本"];
    private static readonly long[] Ints = [0, 1, -1, 2, 3, 7, -7, 100, long.MaxValue, long.MinValue, 42];
    private static readonly double[] Doubles = [0.0, -0.0, 1.5, -2.25, 3, double.NaN, double.PositiveInfinity, 1e300, 0.1, 7];

    public List<Dictionary<string, object?>> Rows(int count) =>
        Enumerable.Range(0, count).Select(_ => new Dictionary<string, object?>
        {
            ["i"] = Maybe(() => Pick(Ints)),
            ["j"] = Maybe(() => Pick(Ints)),
            ["x"] = Maybe(() => Pick(Doubles)),
            ["y"] = Maybe(() => Pick(Doubles)),
            ["s"] = Maybe(() => Pick(Words)),
            ["t"] = Maybe(() => Pick(Words)),
            ["b"] = Maybe(() => _random.Next(2) == 0),
            ["d"] = Maybe(() => _random.Next(-700_000, 2_900_000)),
        }).ToList();

    public static RecordBatch ToBatch(IReadOnlyList<Dictionary<string, object?>> rows)
    {
        var columns = Schema.Fields.Select(f =>
        {
            var builder = ColumnBuilder.Create(f.Type, rows.Count);
            foreach (var row in rows)
                builder.AppendObject(row[f.Name]);
            return builder.Build();
        }).ToArray();
        return new RecordBatch(Schema, columns, rows.Count);
    }

    public Expr Any(int depth) => _random.Next(4) switch
    {
        0 => Int(depth),
        1 => Float(depth),
        2 => Bool(depth),
        _ => Str(depth),
    };

    public Expr Int(int depth)
    {
        if (depth == 0 || _random.Next(3) == 0)
            return _random.Next(3) == 0 ? Lit(Pick(Ints)) : Col(_random.Next(2) == 0 ? "i" : "j");
        return _random.Next(8) switch
        {
            0 => Int(depth - 1) + Int(depth - 1),
            1 => Int(depth - 1) - Int(depth - 1),
            2 => Int(depth - 1) * Int(depth - 1),
            3 => Int(depth - 1) % Int(depth - 1),
            4 => -Int(depth - 1),
            5 => Int(depth - 1).FillNull(Int(depth - 1)),
            6 => Str(depth - 1).Length(),
            _ => Expr.Col("d").Year() + Expr.Col("d").Month() * 100 + Expr.Col("d").DayOfWeek(),
        };
    }

    public Expr Float(int depth)
    {
        if (depth == 0 || _random.Next(3) == 0)
            return _random.Next(3) == 0 ? Lit(Pick(Doubles)) : Col(_random.Next(2) == 0 ? "x" : "y");
        return _random.Next(6) switch
        {
            0 => Float(depth - 1) + Int(depth - 1),
            1 => Float(depth - 1) * Float(depth - 1),
            2 => Int(depth - 1) / Int(depth - 1),
            3 => Float(depth - 1) % Float(depth - 1),
            4 => Float(depth - 1).FillNull(0.5),
            _ => Frames.When(Bool(depth - 1)).Then(Float(depth - 1)).Otherwise(Int(depth - 1)),
        };
    }

    public Expr Bool(int depth)
    {
        if (depth == 0 || _random.Next(4) == 0)
            return _random.Next(4) == 0 ? Lit(_random.Next(3) switch { 0 => true, 1 => false, _ => null }) : Col("b");
        return _random.Next(12) switch
        {
            0 => Int(depth - 1) > Int(depth - 1),
            1 => Float(depth - 1) <= Float(depth - 1),
            2 => Float(depth - 1) == Int(depth - 1),
            3 => Str(depth - 1) < Str(depth - 1),
            4 => Str(depth - 1) != Lit(Pick(Words)),
            5 => Bool(depth - 1) & Bool(depth - 1),
            6 => Bool(depth - 1) | Bool(depth - 1),
            7 => !Bool(depth - 1),
            8 => Any(depth - 1).IsNull() | Any(depth - 1).IsNotNull(),
            9 => Int(depth - 1).IsIn(0L, 1L, 7L, _random.Next(2) == 0 ? null : 42L),
            10 => Str(depth - 1).Contains(Pick(Words)) | Str(depth - 1).StartsWith(Pick(Words)) | Str(depth - 1).EndsWith(Pick(Words)),
            _ => Float(depth - 1).Between(Lit(-1.0), Int(depth - 1)),
        };
    }

    public Expr Str(int depth)
    {
        if (depth == 0 || _random.Next(3) == 0)
            return _random.Next(4) == 0 ? Lit(Pick(Words)) : Col(_random.Next(2) == 0 ? "s" : "t");
        return _random.Next(5) switch
        {
            0 => Str(depth - 1).Upper(),
            1 => Str(depth - 1).Lower(),
            2 => Str(depth - 1).Substring(_random.Next(3), _random.Next(2) == 0 ? null : _random.Next(4)),
            3 => Str(depth - 1).FillNull(Str(depth - 1)),
            _ => Frames.When(Bool(depth - 1)).Then(Str(depth - 1)).Otherwise(Lit(null)),
        };
    }

    private object? Maybe(Func<object> value) => _random.Next(6) == 0 ? null : value();

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
