using System.Globalization;
using FramesNet.Columns;

namespace FramesNet.Expressions;

/// <summary>
/// A constant. <see cref="Value"/> is held in the storage form of <see cref="Type"/>: long, ulong, double,
/// float, bool, string, byte[], int days for date32, long ticks of the unit for timestamps; null for a null.
/// </summary>
public sealed class LiteralExpr : Expr
{
    public LiteralExpr(object? value, DataType type)
    {
        Value = value;
        Type = type;
    }

    public object? Value { get; }

    public DataType Type { get; }

    public bool IsNullLiteral => Value is null;

    /// <summary>A literal from a .NET value: integers become int64, floats float64, DateOnly date32, DateTime timestamp[us].</summary>
    public static LiteralExpr Of(object? value) => value switch
    {
        null => new LiteralExpr(null, DataType.Null),
        LiteralExpr l => l,
        bool b => new LiteralExpr(b, DataType.Bool),
        sbyte or short or int or long => new LiteralExpr(Convert.ToInt64(value, CultureInfo.InvariantCulture), DataType.Int64),
        byte or ushort or uint => new LiteralExpr(Convert.ToInt64(value, CultureInfo.InvariantCulture), DataType.Int64),
        ulong u => new LiteralExpr(u, DataType.UInt64),
        float f => new LiteralExpr((double)f, DataType.Float64),
        double d => new LiteralExpr(d, DataType.Float64),
        decimal m => new LiteralExpr((double)m, DataType.Float64),
        string s => new LiteralExpr(s, DataType.Utf8),
        byte[] bytes => new LiteralExpr(bytes, DataType.Binary),
        DateOnly d => new LiteralExpr(Temporal.DaysFromDate(d), DataType.Date32),
        DateTime t => new LiteralExpr(Temporal.TimestampFromDateTime(t, TimeUnit.Microsecond), DataType.Timestamp(TimeUnit.Microsecond)),
        DateTimeOffset t => new LiteralExpr(Temporal.TimestampFromDateTime(t.UtcDateTime, TimeUnit.Microsecond), DataType.Timestamp(TimeUnit.Microsecond, "UTC")),
        Expr => throw new ArgumentException("Lit takes a constant; this is already an expression"),
        _ => throw new ArgumentException($"no literal for a {value.GetType().Name}: use a number, bool, string, byte[], DateOnly or DateTime"),
    };

    public override IReadOnlyList<Expr> Children => [];

    public override Expr WithChildren(IReadOnlyList<Expr> children) => this;

    public override string OutputName => "literal";

    public override bool Equals(Expr? other) =>
        other is LiteralExpr l && l.Type == Type && (Value is byte[] a && l.Value is byte[] b ? a.AsSpan().SequenceEqual(b) : Equals(Value, l.Value));

    public override int GetHashCode() => HashCode.Combine(2, Type, Value is byte[] ? 0 : Value?.GetHashCode() ?? 0);

    public override string ToString() => Value switch
    {
        null => "null",
        string s => $"'{s.Replace("'", "''")}'",
        bool b => b ? "true" : "false",
        double d => double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15
            ? d.ToString("0.0", CultureInfo.InvariantCulture)
            : d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => $"x'{Convert.ToHexStringLower(bytes)}'",
        int days when Type.Id == TypeId.Date32 => $"date '{ValueFormatter.FormatDate(days)}'",
        long ticks when Type.Id == TypeId.Timestamp => $"timestamp '{ValueFormatter.FormatTimestamp(ticks, Type)}'",
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture)!,
    };
}
