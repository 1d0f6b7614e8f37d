using static FramesNet.Frames;

namespace FramesNet.Tests.Api;

/// <summary>
/// Every .NET type <see cref="Frames.FromRecords{T}"/> and <see cref="Frames.FromColumns(ValueTuple{string, Array}[])"/>
/// take, and the nullable form of each value type, becomes the documented Arrow type holding the documented values;
/// a type they do not take is named as it is written in C#. <see cref="FramesNet.Columns.DataType.ForClrType"/> gives the same types.
/// </summary>
public sealed class FromRecordsTypeTests
{
    public sealed record Row<T>(T Value);

    public enum Colour { Red, Green }

    [Flags]
    public enum Access { Read = 1, Write = 2 }

    public sealed class Nested<T>;

    private static readonly DateTime Instant = new(2024, 2, 29, 13, 45, 30, 123, DateTimeKind.Utc);

    private static long Micros(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / 10;

    /// <summary>Each supported type with values and what the column stores; value types are tried again as nullable, with a null.</summary>
    private static readonly (Type Type, object[] Values, string Arrow, object[] Stored)[] Supported =
    [
        (typeof(long), [1L, long.MinValue], "int64", [1L, long.MinValue]),
        (typeof(int), [7, -1], "int32", [7, -1]),
        (typeof(short), [(short)7], "int16", [(short)7]),
        (typeof(sbyte), [(sbyte)-7], "int8", [(sbyte)-7]),
        (typeof(ulong), [ulong.MaxValue], "uint64", [ulong.MaxValue]),
        (typeof(uint), [7u], "uint32", [7u]),
        (typeof(ushort), [(ushort)7], "uint16", [(ushort)7]),
        (typeof(byte), [(byte)255], "uint8", [(byte)255]),
        (typeof(double), [1.5, double.NaN], "float64", [1.5, double.NaN]),
        (typeof(float), [1.5f], "float32", [1.5f]),
        (typeof(decimal), [1.25m, -0.1m, decimal.MaxValue], "float64", [1.25, -0.1, 7.922816251426434E+28]),
        (typeof(bool), [true, false], "bool", [true, false]),
        (typeof(string), ["a", ""], "utf8", ["a", ""]),
        (typeof(char), ['x', 'é'], "utf8", ["x", "é"]),
        (typeof(byte[]), [new byte[] { 1, 2 }], "binary", [new byte[] { 1, 2 }]),
        (typeof(DateOnly), [new DateOnly(2024, 2, 29), new DateOnly(1969, 12, 31)], "date32",
            [new DateOnly(2024, 2, 29).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber, -1]),
        (typeof(DateTime), [Instant], "timestamp[us]", [Micros(Instant)]),
        (typeof(DateTimeOffset), [new DateTimeOffset(Instant).ToOffset(TimeSpan.FromHours(5.5))], "timestamp[us, tz=UTC]", [Micros(Instant)]),
        (typeof(TimeSpan), [TimeSpan.FromMilliseconds(1.5), TimeSpan.FromTicks(15), TimeSpan.FromTicks(-15), TimeSpan.FromDays(3)], "int64",
            [1500L, 1L, -1L, 3L * 86_400_000_000]),
        (typeof(Guid), [new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")], "utf8", ["0f8fad5b-d9cb-469f-a165-70867728950e"]),
        (typeof(Colour), [Colour.Green, Colour.Red], "utf8", ["Green", "Red"]),
        (typeof(Access), [Access.Read | Access.Write, (Access)8], "utf8", ["Read, Write", "8"]),
    ];

    public static TheoryData<Type, object?[], string, object?[]> Cases()
    {
        var data = new TheoryData<Type, object?[], string, object?[]>();
        foreach (var (type, values, arrow, stored) in Supported)
        {
            data.Add(type, values, arrow, stored);
            var nullable = type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type;
            data.Add(nullable, [.. values, null], arrow, [.. stored, null]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_supported_type_and_its_nullable_form_becomes_its_documented_column(Type type, object?[] values, string arrow, object?[] stored)
    {
        var records = (DataFrame)typeof(FromRecordsTypeTests).GetMethod(nameof(RecordsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [values])!;
        var array = Array.CreateInstance(type, values.Length);
        for (var i = 0; i < values.Length; i++)
            array.SetValue(values[i], i);
        var columns = FromColumns(("Value", array));

        foreach (var frame in new[] { records, columns })
        {
            var table = frame.Collect();
            Assert.Equal(arrow, table.Schema[0].Type.ToString());
            Assert.Equal(stored, table.Select(r => r["Value"]));
        }
        Assert.Equal(arrow, FramesNet.Columns.DataType.ForClrType(type).ToString());
    }

    [Fact]
    public void The_table_covers_every_type_the_documentation_lists()
    {
        var listed = ClrColumnType.Supported.Replace(", and their nullable forms", "").Split(", ").Select(n => n.Trim()).ToHashSet();
        var covered = Supported.Select(s => s.Type.IsEnum ? "enums" : CSharpTypeName.Of(s.Type)).ToHashSet();

        Assert.Equal(listed.Order(), covered.Order());
    }

    public static TheoryData<Type, string> Unsupported => new()
    {
        { typeof(List<string>), "List<string>" },
        { typeof(Half?), "Half?" },
        { typeof(int?[]), "int?[]" },
        { typeof(int[,]), "int[,]" },
        { typeof(Dictionary<string, int?>), "Dictionary<string, int?>" },
        { typeof((int, string)), "(int, string)" },
        { typeof(object), "object" },
        { typeof(Uri), "Uri" },
        { typeof(Nested<long>), "FromRecordsTypeTests.Nested<long>" },
        { typeof(Dictionary<string, List<DateOnly?>>.Enumerator), "Dictionary<string, List<DateOnly?>>.Enumerator" },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void A_type_with_no_column_type_is_named_as_written_in_csharp(Type type, string written)
    {
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() =>
            typeof(FromRecordsTypeTests).GetMethod(nameof(RecordsOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [Array.Empty<object?>()]));

        var inner = Assert.IsType<ArgumentException>(error.InnerException);
        Assert.StartsWith($"column 'Value': no Arrow type for {written}; supported: long, int,", inner.Message);
        var direct = Assert.Throws<ArgumentException>(() => FramesNet.Columns.DataType.ForClrType(type));
        Assert.StartsWith($"no Frames type for {written}; supported: long, int,", direct.Message);
    }

    private static DataFrame RecordsOf<T>(object?[] values) => FromRecords(values.Select(v => new Row<T>((T)v!)).ToList());
}
