using System.Text;
using FramesNet.Columns;
using FramesNet.Expressions.Binding;

namespace FramesNet.Expressions.Evaluation;

/// <summary>String functions on UTF-8 bytes: searches never decode; case mapping decodes only non-ASCII values.</summary>
internal static class StringKernels
{
    public static Datum Match(ScalarFunction function, Datum input, string pattern, int length)
    {
        var needle = Encoding.UTF8.GetBytes(pattern);
        if (input.IsScalar)
        {
            return Datum.Constant(new BoundLiteral(input.Scalar!.Value is string s ? Test(function, Encoding.UTF8.GetBytes(s), needle) : null, DataType.Bool));
        }
        var column = (BinaryColumn)input.Column!;
        var builder = new BooleanColumnBuilder(length);
        for (var i = 0; i < length; i++)
        {
            if (column.IsValid(i)) builder.Append(Test(function, column.GetBytes(i), needle));
            else builder.AppendNull();
        }
        return builder.Build();
    }

    private static bool Test(ScalarFunction function, ReadOnlySpan<byte> value, ReadOnlySpan<byte> needle) => function switch
    {
        ScalarFunction.Contains => value.IndexOf(needle) >= 0,
        ScalarFunction.StartsWith => value.StartsWith(needle),
        ScalarFunction.EndsWith => value.EndsWith(needle),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "not a string test"),
    };

    public static Datum ChangeCase(bool upper, Datum input, int length) =>
        Map(input, length, (value, output) =>
        {
            if (System.Text.Unicode.Utf8.IsValid(value) && Ascii.IsValid(value))
            {
                Span<byte> buffer = value.Length <= 256 ? stackalloc byte[value.Length] : new byte[value.Length];
                if (upper) Ascii.ToUpper(value, buffer, out _);
                else Ascii.ToLower(value, buffer, out _);
                output.Append(buffer);
            }
            else
            {
                var text = Encoding.UTF8.GetString(value);
                output.Append(upper ? text.ToUpperInvariant() : text.ToLowerInvariant());
            }
        });

    public static Datum Length(Datum input, int length)
    {
        if (input.IsScalar)
            return Datum.Constant(new BoundLiteral(input.Scalar!.Value is string s ? (long)CodePoints(Encoding.UTF8.GetBytes(s)) : null, DataType.Int64));
        var column = (BinaryColumn)input.Column!;
        var builder = new PrimitiveColumnBuilder<long>(DataType.Int64, length);
        for (var i = 0; i < length; i++)
        {
            if (column.IsValid(i)) builder.Append(CodePoints(column.GetBytes(i)));
            else builder.AppendNull();
        }
        return builder.Build();
    }

    /// <summary>Characters from <paramref name="start"/> (0-based), at most <paramref name="count"/> of them; code points, not bytes.</summary>
    public static Datum Substring(Datum input, long start, long? count, int length) =>
        Map(input, length, (value, output) =>
        {
            var from = ByteIndexOfCodePoint(value, start);
            var to = count is null ? value.Length : from + ByteIndexOfCodePoint(value[from..], count.Value);
            output.Append(value[from..to]);
        });

    /// <summary>Number of code points: every byte that does not continue a sequence starts one.</summary>
    private static int CodePoints(ReadOnlySpan<byte> value)
    {
        var n = 0;
        foreach (var b in value)
            if ((b & 0xC0) != 0x80)
                n++;
        return n;
    }

    private static int ByteIndexOfCodePoint(ReadOnlySpan<byte> value, long codePoint)
    {
        var seen = -1L;
        for (var i = 0; i < value.Length; i++)
        {
            if ((value[i] & 0xC0) != 0x80 && ++seen == codePoint)
                return i;
        }
        return value.Length;
    }

    private delegate void Mapper(ReadOnlySpan<byte> value, BinaryColumnBuilder output);

    private static Datum Map(Datum input, int length, Mapper map)
    {
        if (input.IsScalar)
        {
            if (input.Scalar!.Value is not string s)
                return Datum.Constant(new BoundLiteral(null, DataType.Utf8));
            var one = new BinaryColumnBuilder(DataType.Utf8, 1);
            map(Encoding.UTF8.GetBytes(s), one);
            return Datum.Constant(new BoundLiteral(one.Build().GetString(0), DataType.Utf8));
        }
        var column = (BinaryColumn)input.Column!;
        var builder = new BinaryColumnBuilder(DataType.Utf8, length, column.Data.Length);
        for (var i = 0; i < length; i++)
        {
            if (column.IsValid(i)) map(column.GetBytes(i), builder);
            else builder.AppendNull();
        }
        return builder.Build();
    }
}
