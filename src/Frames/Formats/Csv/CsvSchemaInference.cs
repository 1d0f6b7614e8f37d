using System.Globalization;
using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Infers column types from the first <see cref="CsvReadOptions.InferenceRows"/> rows of the files, widening as
/// values disagree: int64 → float64 → utf8; bool; date32 (<c>YYYY-MM-DD</c>) → timestamp[us]; timestamps with
/// an offset or Z → timestamp[us, tz=UTC]. Families that meet (a number and a date, a zoned and a plain
/// timestamp) give utf8, as does a column with no values at all. Null texts are not values.
/// </summary>
internal static class CsvSchemaInference
{
    private enum Kind : byte { None, Bool, Int, Float, Date, Timestamp, TimestampUtc, Utf8 }

    public static Schema Infer(IReadOnlyList<string> paths, CsvReadOptions options)
    {
        var nulls = new CsvNullValues(options.NullValues);
        string[]? names = null;
        Kind[] kinds = [];
        var sampled = 0;
        foreach (var path in paths)
        {
            using var handle = CsvFiles.Open(path);
            var header = CsvHeader.Read(handle, path, options);
            if (header.FileIsEmpty)
                continue;
            if (names is null && header.Names is not null)
            {
                names = header.Names.ToArray();
                kinds = new Kind[names.Length];
            }
            var reader = new CsvRecordReader(handle, path, options.DelimiterByte);
            if (options.HasHeader)
                reader.Read();
            while (sampled < options.InferenceRows && ReadSample(reader, options))
            {
                if (names is null)
                {
                    names = CsvHeader.DefaultNames(reader.Fields.Count);
                    kinds = new Kind[names.Length];
                }
                if (reader.Fields.Count != names.Length)
                    continue; // a bad row is the reader's to report, with the options it is read with
                for (var i = 0; i < kinds.Length; i++)
                {
                    var field = reader.Fields[i];
                    var value = reader.Value(field);
                    if (kinds[i] != Kind.Utf8 && (field.Quoted || !nulls.IsNull(value)))
                        kinds[i] = Widen(kinds[i], Classify(value));
                }
                sampled++;
            }
            if (sampled >= options.InferenceRows)
                break;
        }
        if (names is null)
            throw new CsvFormatException(paths[0], 0, 0, null, options.HasHeader
                ? "the file is empty: no header to name the columns (give a schema to read it as no rows)"
                : "the file is empty: no row to count the columns of (give a schema to read it as no rows)");
        return new Schema(names.Select((name, i) => new Field(name, TypeOf(kinds[i]))));
    }

    /// <summary>The next sample row; a malformed one ends the sample of a file read with SkipBadRows (the reader skips it later).</summary>
    private static bool ReadSample(CsvRecordReader reader, CsvReadOptions options)
    {
        try
        {
            return reader.Read();
        }
        catch (CsvFormatException) when (options.SkipBadRows)
        {
            return false;
        }
    }

    private static Kind Classify(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return Kind.Utf8;
        if (System.Text.Ascii.EqualsIgnoreCase(value, "true"u8) || System.Text.Ascii.EqualsIgnoreCase(value, "false"u8))
            return Kind.Bool;
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            return Kind.Int;
        if (double.TryParse(value, CsvNumbers.FloatStyle, CultureInfo.InvariantCulture, out _))
            return Kind.Float;
        if (CsvTemporal.TryParseDate(value, out _))
            return Kind.Date;
        if (CsvTemporal.TryParseTimestamp(value, out _, out _, out var hasOffset))
            return hasOffset ? Kind.TimestampUtc : Kind.Timestamp;
        return Kind.Utf8;
    }

    private static Kind Widen(Kind a, Kind b)
    {
        if (a == b || b == Kind.None)
            return a;
        if (a == Kind.None)
            return b;
        return (Min(a, b), Max(a, b)) switch
        {
            (Kind.Int, Kind.Float) => Kind.Float,
            (Kind.Date, Kind.Timestamp) => Kind.Timestamp,
            (Kind.Date, Kind.TimestampUtc) => Kind.TimestampUtc,
            _ => Kind.Utf8,
        };
    }

    private static Kind Min(Kind a, Kind b) => a < b ? a : b;

    private static Kind Max(Kind a, Kind b) => a < b ? b : a;

    private static DataType TypeOf(Kind kind) => kind switch
    {
        Kind.Bool => DataType.Bool,
        Kind.Int => DataType.Int64,
        Kind.Float => DataType.Float64,
        Kind.Date => DataType.Date32,
        Kind.Timestamp => DataType.Timestamp(TimeUnit.Microsecond),
        Kind.TimestampUtc => DataType.Timestamp(TimeUnit.Microsecond, "UTC"),
        _ => DataType.Utf8,
    };
}
