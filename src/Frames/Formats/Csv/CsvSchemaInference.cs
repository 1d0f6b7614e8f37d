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

    public static Schema Infer(IReadOnlyList<string> paths, CsvReadOptions options) => InferWithReport(paths, options).Schema;

    /// <summary>The schema, and how it was inferred: rows sampled, and per column what the values were.</summary>
    public static CsvInferredSchema InferWithReport(IReadOnlyList<string> paths, CsvReadOptions options)
    {
        var nulls = new CsvNullValues(options.NullValues);
        string[]? names = null;
        ColumnSample[] columns = [];
        var sampled = 0;
        var sampledAll = true;
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (sampled >= options.InferenceRows)
            {
                sampledAll = false;
                break;
            }
            using var handle = CsvFiles.Open(path);
            files.Add(path);
            var header = CsvHeader.Read(handle, path, options);
            if (header.FileIsEmpty)
                continue;
            if (names is null && header.Names is not null)
            {
                names = header.Names.ToArray();
                columns = names.Select(_ => new ColumnSample()).ToArray();
            }
            var reader = new CsvRecordReader(handle, path, options.DelimiterByte);
            if (options.HasHeader)
                reader.Read();
            while (sampled < options.InferenceRows && ReadSample(reader, options))
            {
                if (names is null)
                {
                    names = CsvHeader.DefaultNames(reader.Fields.Count);
                    columns = names.Select(_ => new ColumnSample()).ToArray();
                }
                if (reader.Fields.Count != names.Length)
                    continue; // a bad row is the reader's to report, with the options it is read with
                for (var i = 0; i < columns.Length; i++)
                {
                    var field = reader.Fields[i];
                    var value = reader.Value(field);
                    if (field.Quoted || !nulls.IsNull(value))
                        columns[i].Add(Classify(value), value, files.Count - 1, path, reader.Line);
                    else
                        columns[i].Nulls++;
                }
                sampled++;
            }
            if (sampled >= options.InferenceRows && ReadSample(reader, options))
                sampledAll = false;
        }
        if (names is null)
            throw new CsvFormatException(paths[0], 0, 0, null, options.HasHeader
                ? "the file is empty: no header to name the columns (give a schema to read it as no rows)"
                : "the file is empty: no row to count the columns of (give a schema to read it as no rows)");
        var schema = new Schema(names.Select((name, i) => new Field(name, TypeOf(columns[i].Kind))));
        return new CsvInferredSchema(schema, sampled, sampledAll, files, names.Select((name, i) => columns[i].Describe(name)).ToArray());
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
        Kind.Utf8 or Kind.None => DataType.Utf8,
    };

    /// <summary>
    /// Type families a utf8 column may have missed by a few values: the family most sampled values fit is named,
    /// with the values that do not fit it.
    /// </summary>
    private static readonly Kind[][] Families = [[Kind.Bool], [Kind.Int, Kind.Float], [Kind.Date, Kind.Timestamp], [Kind.Date, Kind.TimestampUtc]];

    /// <summary>What one column's sample held: the widened kind, a count per kind, and the first few values of each kind.</summary>
    private sealed class ColumnSample
    {
        private const int ExamplesPerKind = 3;
        private readonly long[] _counts = new long[(int)Kind.Utf8 + 1];
        private readonly List<(int File, Kind Kind, CsvSampleValue Value)> _examples = [];

        public Kind Kind { get; private set; }

        public long Nulls { get; set; }

        public void Add(Kind kind, ReadOnlySpan<byte> value, int file, string path, long line)
        {
            Kind = Widen(Kind, kind);
            if (_counts[(int)kind]++ >= ExamplesPerKind)
                return;
            var text = System.Text.Encoding.UTF8.GetString(value.Length > CsvSampleValue.MaxShown ? value[..CsvSampleValue.MaxShown] : value);
            _examples.Add((file, kind, new CsvSampleValue(path, line, value.Length > CsvSampleValue.MaxShown ? text + "…" : text)));
        }

        public CsvInferredColumn Describe(string name)
        {
            var type = TypeOf(Kind);
            var values = _counts.Sum();
            if (Kind != Kind.Utf8)
                return new CsvInferredColumn(name, type, values, Nulls, null, 0, []);
            var (best, fitting) = Families.Select(f => (Family: f, Count: f.Sum(k => _counts[(int)k]))).MaxBy(f => f.Count);
            if (fitting == 0 || fitting <= values - fitting)
                return new CsvInferredColumn(name, type, values, Nulls, null, 0, []);
            var fits = TypeOf(best.Where(k => _counts[(int)k] > 0).Aggregate(Kind.None, Widen));
            var notFitting = _examples.Where(e => !best.Contains(e.Kind)).OrderBy(e => e.File).ThenBy(e => e.Value.Line)
                .Take(ExamplesPerKind).Select(e => e.Value).ToArray();
            return new CsvInferredColumn(name, type, values, Nulls, fits, values - fitting, notFitting);
        }
    }
}
