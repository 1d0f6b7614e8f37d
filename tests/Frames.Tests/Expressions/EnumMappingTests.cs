using System.Runtime.CompilerServices;
using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Expressions;
using FramesNet.Formats;
using FramesNet.Physical;
using static FramesNet.Frames;

namespace FramesNet.Tests.Expressions;

/// <summary>
/// Every member of every enum that is mapped from one layer to the next, walked through its mappings and
/// checked against what its name says: a mapping that sends a member to its neighbour (the old
/// <c>_ => LastMember</c> habit) fails here. The compiler checks that each mapping names every member
/// (CS8509 is an error and mappings have no catch-all); these tests check that each goes to the right one.
/// </summary>
public sealed class EnumMappingTests
{
    private static DataFrame OneRow() => FromColumns(
        ("a", new long[] { 7 }), ("b", new long[] { 3 }),
        ("x", new double[] { 7.5 }), ("y", new double[] { 2 }),
        ("p", new[] { true }), ("q", new[] { false }),
        ("s", new[] { "Hello" }), ("t", new[] { "lo" }),
        ("d", new[] { new DateOnly(2024, 3, 15) }), // a Friday: ISO day 5
        ("n", new long?[] { null }));

    /// <summary>What each binary operator gives for (a, b) = (7, 3), (x, y) = (7.5, 2) and (p, q) = (true, false).</summary>
    private static readonly Dictionary<BinaryOp, (string Left, string Right, object Expected)> BinaryCases = new()
    {
        [BinaryOp.Add] = ("a", "b", 10L),
        [BinaryOp.Subtract] = ("a", "b", 4L),
        [BinaryOp.Multiply] = ("a", "b", 21L),
        [BinaryOp.Divide] = ("x", "y", 3.75),
        [BinaryOp.Modulo] = ("a", "b", 1L),
        [BinaryOp.Equal] = ("a", "b", false),
        [BinaryOp.NotEqual] = ("a", "b", true),
        [BinaryOp.Less] = ("a", "b", false),
        [BinaryOp.LessOrEqual] = ("b", "b", true),
        [BinaryOp.Greater] = ("a", "b", true),
        [BinaryOp.GreaterOrEqual] = ("b", "a", false),
        [BinaryOp.And] = ("p", "q", false),
        [BinaryOp.Or] = ("p", "q", true),
    };

    public static TheoryData<BinaryOp> BinaryOps => new(Enum.GetValues<BinaryOp>());

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void Every_binary_operator_computes_what_its_name_says_over_columns_literals_and_both(BinaryOp op)
    {
        var (left, right, expected) = BinaryCases[op];
        var row = OneRow().Collect().Single();
        Expr Literal(string column) => Lit(row[column]);

        var forms = new Dictionary<string, Expr>
        {
            ["columns"] = new BinaryExpr(op, Col(left), Col(right)),
            ["literal on the right"] = new BinaryExpr(op, Col(left), Literal(right)),
            ["literal on the left"] = new BinaryExpr(op, Literal(left), Col(right)),
            ["literals"] = new BinaryExpr(op, Literal(left), Literal(right)),
        };

        foreach (var (form, expr) in forms)
            Assert.True(Equals(expected, Evaluate(expr)), $"{op} over {form}: expected {expected}, got {Evaluate(expr)}");
    }

    /// <summary>Each function over the one row, with what it must give.</summary>
    private static readonly Dictionary<FunctionName, (Func<Expr> Expr, object? Expected)> FunctionCases = new()
    {
        [FunctionName.Coalesce] = (() => Coalesce(Col("n"), Col("b")), 3L),
        [FunctionName.Between] = (() => Col("b").Between(Lit(3), Col("a")), true),
        [FunctionName.Contains] = (() => Col("s").Contains("ell"), true),
        [FunctionName.StartsWith] = (() => Col("s").StartsWith("lo"), false),
        [FunctionName.EndsWith] = (() => Col("s").EndsWith("lo"), true),
        [FunctionName.Lower] = (() => Col("s").Lower(), "hello"),
        [FunctionName.Upper] = (() => Col("s").Upper(), "HELLO"),
        [FunctionName.Length] = (() => Col("s").Length(), 5L),
        [FunctionName.Substring] = (() => Col("s").Substring(1, 3), "ell"),
        [FunctionName.Year] = (() => Col("d").Year(), 2024L),
        [FunctionName.Month] = (() => Col("d").Month(), 3L),
        [FunctionName.Day] = (() => Col("d").Day(), 15L),
        [FunctionName.DayOfWeek] = (() => Col("d").DayOfWeek(), 5L),
    };

    public static TheoryData<FunctionName> Functions => new(Enum.GetValues<FunctionName>());

    [Theory]
    [MemberData(nameof(Functions))]
    public void Every_function_computes_what_its_name_says(FunctionName name)
    {
        var (expr, expected) = FunctionCases[name];

        Assert.Equal(name, ((FunctionExpr)expr()).Name);
        Assert.Equal(expected, Evaluate(expr()));
    }

    public static TheoryData<AggregateFunction> AggregateFunctions => new(Enum.GetValues<AggregateFunction>());

    [Theory]
    [MemberData(nameof(AggregateFunctions))]
    public void Every_aggregate_function_plans_to_the_kernel_aggregate_of_its_name(AggregateFunction function)
    {
        Assert.Equal(function.ToString(), PhysicalPlanner.Map(function).ToString());
    }

    [Fact]
    public void Every_time_unit_has_its_own_name_and_scale()
    {
        var units = Enum.GetValues<TimeUnit>();

        Assert.Equal(["s", "ms", "us", "ns"], units.Select(DataType.UnitName));
        Assert.Equal([1L, 1_000, 1_000_000, 1_000_000_000], units.Select(Temporal.UnitsPerSecond));
        Assert.Equal([TimeSpan.TicksPerSecond, TimeSpan.TicksPerMillisecond, 10, 0], units.Select(Temporal.TicksPerUnit));
    }

    [Fact]
    public void Every_table_format_has_an_extension_that_names_it_again()
    {
        foreach (var format in Enum.GetValues<TableFormat>())
            Assert.Equal(format, TableFormats.FromPath("part" + TableFormats.Extension(format)));
    }

    [Fact]
    public void A_value_no_member_names_is_refused_never_read_as_another_member()
    {
        Assert.Throws<SwitchExpressionException>(() => Temporal.UnitsPerSecond((TimeUnit)9));
        Assert.Throws<SwitchExpressionException>(() => DataType.UnitName((TimeUnit)9));
        Assert.Throws<SwitchExpressionException>(() => TableFormats.Extension((TableFormat)9));
        Assert.Throws<SwitchExpressionException>(() => PhysicalPlanner.Map((AggregateFunction)99));
        var error = Assert.ThrowsAny<Exception>(() => Evaluate(new BinaryExpr((BinaryOp)99, Col("a"), Col("b"))));
        Assert.Contains("99", error.ToString());
    }

    private static object? Evaluate(Expr expr) => OneRow().Select(expr.Alias("r")).Collect().Single()["r"];
}
