using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Expressions;
using static FramesNet.Frames;

namespace FramesNet.Tests.Expressions;

/// <summary>
/// Casts over every pair of types that can be cast, with ordinary and edge values of each: a value that does not
/// convert fails <c>Cast</c> naming the value, its type, the target and the input, exactly when <c>TryCast</c> gives
/// null; both agree otherwise; and a literal folded at build time behaves as the same value in a column.
/// </summary>
public sealed class CastTests
{
    private static readonly DateTime Noon = new(2024, 2, 29, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>Each source type with a column of values of its .NET type (edges included).</summary>
    private static readonly (DataType Type, Array Values)[] Sources =
    [
        (DataType.Int8, new sbyte[] { sbyte.MinValue, -1, 0, 1, sbyte.MaxValue }),
        (DataType.Int16, new short[] { short.MinValue, -1, 0, 300, short.MaxValue }),
        (DataType.Int32, new[] { int.MinValue, -1, 0, 70_000, int.MaxValue }),
        (DataType.Int64, new[] { long.MinValue, -1, 0, 3_000_000_000, long.MaxValue }),
        (DataType.UInt8, new byte[] { 0, 255 }),
        (DataType.UInt16, new ushort[] { 0, 65_535 }),
        (DataType.UInt32, new[] { 0u, uint.MaxValue }),
        (DataType.UInt64, new[] { 0ul, ulong.MaxValue }),
        (DataType.Float32, new[] { -1.5f, 0f, 3e9f, float.NaN, float.PositiveInfinity }),
        (DataType.Float64, new[] { -1.5, 0.25, 3e9, 1e300, double.NaN }),
        (DataType.Bool, new[] { true, false }),
        (DataType.Utf8, new[] { "1", "-7", "2.5", "abc", "", "true", "2024-02-29", "2024-13-01", "2024-02-29 10:00:00", "99999999999999999999" }),
        (DataType.Date32, new[] { new DateOnly(2024, 2, 29), new DateOnly(1969, 12, 31) }),
        (DataType.Timestamp(TimeUnit.Microsecond), new[] { Noon }),
    ];

    private static readonly DataType[] Targets = Sources.Select(s => s.Type).ToArray();

    public static TheoryData<int, int> Pairs()
    {
        var data = new TheoryData<int, int>();
        for (var from = 0; from < Sources.Length; from++)
            for (var to = 0; to < Targets.Length; to++)
                if (from != to && FramesNet.Expressions.Binding.TypeCoercion.CanCast(Sources[from].Type, Targets[to]))
                    data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Cast_fails_exactly_where_TryCast_gives_null_and_literals_agree_with_columns(int fromIndex, int toIndex)
    {
        var (from, values) = Sources[fromIndex];
        var to = Targets[toIndex];
        var tried = FromColumns(("x", values)).Select(Col("x").TryCast(to).Alias("y")).Collect().Select(r => r["y"]).ToArray();

        for (var i = 0; i < values.Length; i++)
        {
            var one = Array.CreateInstance(values.GetType().GetElementType()!, 1);
            one.SetValue(values.GetValue(i), 0);
            var column = FromColumns(("x", one));
            var strict = Outcome(() => column.Select(Col("x").Cast(to).Alias("y")).Collect().Select(r => r["y"]).Single());
            var literal = Outcome(() => column.Select(Lit(values.GetValue(i)).Cast(from).Cast(to).Alias("y")).Collect().Select(r => r["y"]).Single());
            var what = $"{from} {Show(values.GetValue(i))} to {to}";

            if (tried[i] is null)
            {
                var error = Assert.IsType<ExpressionException>(strict.Error);
                Assert.StartsWith($"cannot cast ", error.Message);
                Assert.Contains($"({from}) to {to} in x: ", error.Message);
                Assert.Contains("TryCast gives null", error.Message);
                Assert.True(literal.Error is ExpressionException, $"{what}: the literal folded to {Show(literal.Value)} but the column failed");
            }
            else
            {
                Assert.True(strict.Error is null, $"{what}: TryCast gave {Show(tried[i])} but Cast failed: {strict.Error?.Message}");
                Assert.Equal(tried[i], strict.Value);
                Assert.True(literal.Error is null, $"{what}: the column gave {Show(tried[i])} but the literal failed: {literal.Error?.Message}");
                Assert.Equal(tried[i], literal.Value);
            }
        }
    }

    public static TheoryData<int, object, int, bool> Known => new()
    {
        // source, value, target, converts
        { 11, "abc", 3, false }, { 11, "abc", 9, false }, { 11, "abc", 2, false }, { 11, "abc", 10, false }, { 11, "abc", 12, false },
        { 11, "abc", 13, false }, { 11, "2024-13-01", 12, false }, { 11, "99999999999999999999", 3, false }, { 11, "true", 3, false },
        { 11, "1", 3, true }, { 11, "2.5", 9, true }, { 11, "2024-02-29", 12, true }, { 11, "2024-02-29 10:00:00", 13, true }, { 11, "true", 10, true },
        { 3, 3_000_000_000L, 2, false }, { 3, long.MinValue, 2, false }, { 3, -1L, 4, false }, { 3, -1L, 7, false }, { 3, long.MaxValue, 12, false },
        { 3, -1L, 0, true }, { 3, 3_000_000_000L, 9, true },
        { 9, double.NaN, 3, false }, { 9, 1e300, 3, false }, { 9, 3e9, 2, false }, { 9, 0.25, 3, true },
        { 8, float.PositiveInfinity, 2, false }, { 7, ulong.MaxValue, 3, false }, { 10, true, 3, true },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Casts_that_can_fail_fail_by_default_and_give_null_with_TryCast(int fromIndex, object value, int toIndex, bool converts)
    {
        var (from, values) = Sources[fromIndex];
        var to = Targets[toIndex];
        var one = Array.CreateInstance(values.GetType().GetElementType()!, 1);
        one.SetValue(value, 0);
        var frame = FromColumns(("x", one));

        var strict = Outcome(() => frame.Select(Col("x").Cast(to).Alias("y")).Collect().Select(r => r["y"]).Single());
        var tried = frame.Select(Col("x").TryCast(to).Alias("y")).Collect().Select(r => r["y"]).Single();

        Assert.Equal(converts, strict.Error is null);
        Assert.Equal(converts, tried is not null);
        if (!converts)
            Assert.Contains($"cannot cast {(from.IsString ? $"'{value}'" : "")}", strict.Error!.Message);
    }

    [Fact]
    public void A_failed_cast_in_a_query_over_a_file_names_the_file_the_task_read()
    {
        var folder = Directory.CreateTempSubdirectory("frames-cast-").FullName;
        try
        {
            var path = Path.Combine(folder, "codes.csv");
            File.WriteAllText(path, "code\n" + string.Join("\n", Enumerable.Range(0, 100).Select(i => i == 57 ? "n/a" : $"c{i}")) + "\n");
            var frame = ReadCsv(path).Select(Col("code").Cast(DataType.Int64));

            var error = Assert.Throws<TaskFailedException>(() => frame.Collect());

            Assert.Contains("codes.csv", error.Message);
            Assert.Contains("cannot cast 'c0' (utf8) to int64 in code: not an int64 value", error.Message);
            Assert.Equal(100, ReadCsv(path).Select(Col("code").TryCast(DataType.Int64).Alias("n")).Collect().Count(r => r["n"] is null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (object? Value, Exception? Error) Outcome(Func<object?> run)
    {
        try
        {
            return (run(), null);
        }
        catch (TaskFailedException e)
        {
            return (null, e.InnerException);
        }
        catch (ExpressionException e)
        {
            return (null, e);
        }
        catch (FramesNet.Plan.PlanException e) when (e.InnerException is ExpressionException inner)
        {
            return (null, inner);
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
