using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Parses one field's UTF-8 text into a value. <see cref="TryParseFast"/> handles the common shapes and is inlined
/// into the column decoder's loop; <see cref="TryParse"/> accepts every form and runs only when the fast path fails.
/// </summary>
internal interface ICsvValueParser<T> where T : unmanaged
{
    /// <summary>Sets <paramref name="value"/> only on success; may read up to 8 bytes past <paramref name="text"/> (the read buffer is padded for it).</summary>
    bool TryParseFast(ReadOnlySpan<byte> text, ref T value);

    bool TryParse(ReadOnlySpan<byte> text, out T value);
}

internal readonly struct Int64Parser : ICsvValueParser<long>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryParseFast(ReadOnlySpan<byte> text, ref long value) => CsvNumbers.TryParseInt64Fast(text, ref value);

    public bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        return CsvNumbers.TryParseInt64(text, ref value) ||
               long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}

/// <summary>The integer types other than int64 (explicit schemas only): the int64 fast path plus a range check.</summary>
internal readonly struct IntegerParser<T> : ICsvValueParser<T> where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    private static readonly long Min = long.CreateSaturating(T.MinValue);
    private static readonly long Max = long.CreateSaturating(T.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryParseFast(ReadOnlySpan<byte> text, ref T value)
    {
        long wide = 0;
        if (!CsvNumbers.TryParseInt64Fast(text, ref wide) || wide < Min || wide > Max)
            return false;
        value = T.CreateTruncating(wide);
        return true;
    }

    public bool TryParse(ReadOnlySpan<byte> text, out T value) =>
        T.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}

internal readonly struct Float64Parser : ICsvValueParser<double>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryParseFast(ReadOnlySpan<byte> text, ref double value) => CsvNumbers.TryParseFloat64Fast(text, ref value);

    public bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        return CsvNumbers.TryParseFloat64(text, ref value) ||
               double.TryParse(text, CsvNumbers.FloatStyle, CultureInfo.InvariantCulture, out value);
    }
}

internal readonly struct Float32Parser : ICsvValueParser<float>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryParseFast(ReadOnlySpan<byte> text, ref float value) => CsvNumbers.TryParseFloat32Fast(text, ref value);

    public bool TryParse(ReadOnlySpan<byte> text, out float value) =>
        float.TryParse(text, CsvNumbers.FloatStyle, CultureInfo.InvariantCulture, out value);
}

internal readonly struct Date32Parser : ICsvValueParser<int>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryParseFast(ReadOnlySpan<byte> text, ref int value)
    {
        if (!CsvTemporal.TryParseDate(text, out var days))
            return false;
        value = days;
        return true;
    }

    public bool TryParse(ReadOnlySpan<byte> text, out int value) => CsvTemporal.TryParseDate(text, out value);
}

/// <summary>ISO-8601 timestamps in the unit of the column; a value with an offset is converted to UTC.</summary>
internal readonly struct TimestampParser(Columns.TimeUnit unit) : ICsvValueParser<long>
{
    public bool TryParseFast(ReadOnlySpan<byte> text, ref long value)
    {
        if (!TryParse(text, out var parsed))
            return false;
        value = parsed;
        return true;
    }

    public bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        return CsvTemporal.TryParseTimestamp(text, out var seconds, out var nanoseconds, out _) &&
               CsvTemporal.TryToUnit(seconds, nanoseconds, unit, out value);
    }
}
