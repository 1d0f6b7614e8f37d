using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>
/// What every range of a read shares: the files' schema, the projection (file column of each output column),
/// the options, and how decoders and messages are made. Built once per read; immutable.
/// </summary>
internal sealed class CsvReadPlan
{
    private CsvReadPlan(CsvReadOptions options, Schema fileSchema, int[] projection)
    {
        Options = options;
        FileSchema = fileSchema;
        Projection = projection;
        OutputSchema = fileSchema.Select(projection);
        Nulls = new CsvNullValues(options.NullValues);
    }

    public CsvReadOptions Options { get; }

    public Schema FileSchema { get; }

    public Schema OutputSchema { get; }

    /// <summary>For each output column, its 0-based position in the file's rows.</summary>
    public int[] Projection { get; }

    /// <summary>The schema came from the options (header names are not checked, only their count).</summary>
    public bool SchemaIsExplicit => Options.Schema is not null;

    public CsvNullValues Nulls { get; }

    public bool HasUtf8Columns => Projection.Any(i => FileSchema[i].Type.Id == TypeId.Utf8);

    public static CsvReadPlan Create(Schema fileSchema, CsvReadOptions options)
    {
        options.Validate();
        if (fileSchema.Count == 0)
            throw new ArgumentException("a CSV schema needs at least one column");
        foreach (var field in fileSchema.Fields)
            if (!IsReadable(field.Type))
                throw new NotSupportedException(
                    $"CSV cannot read column '{field.Name}' as {field.Type}: use int8..int64, uint8..uint64, float32, float64, bool, utf8, date32 or timestamp");
        return new CsvReadPlan(options, fileSchema, Project(fileSchema, options.Columns));
    }

    public static int[] Project(Schema fileSchema, IReadOnlyList<string>? columns)
    {
        if (columns is null)
            return Enumerable.Range(0, fileSchema.Count).ToArray();
        var projection = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var index = fileSchema.TryIndexOf(columns[i]);
            if (index < 0)
                throw new ArgumentException(fileSchema.ColumnNotFoundMessage(columns[i]), nameof(columns));
            if (projection.AsSpan(0, i).Contains(index))
                throw new ArgumentException($"column '{columns[i]}' is asked for twice", nameof(columns));
            projection[i] = index;
        }
        return projection;
    }

    public CsvColumnDecoder[] CreateDecoders() =>
        Projection.Select(column => CreateDecoder(column, FileSchema[column])).ToArray();

    private CsvColumnDecoder CreateDecoder(int column, Field field) => field.Type.Id switch
    {
        TypeId.Int64 => new CsvPrimitiveDecoder<long, Int64Parser>(column, field, Nulls, default),
        TypeId.Int32 => new CsvPrimitiveDecoder<int, IntegerParser<int>>(column, field, Nulls, default),
        TypeId.Int16 => new CsvPrimitiveDecoder<short, IntegerParser<short>>(column, field, Nulls, default),
        TypeId.Int8 => new CsvPrimitiveDecoder<sbyte, IntegerParser<sbyte>>(column, field, Nulls, default),
        TypeId.UInt64 => new CsvPrimitiveDecoder<ulong, IntegerParser<ulong>>(column, field, Nulls, default),
        TypeId.UInt32 => new CsvPrimitiveDecoder<uint, IntegerParser<uint>>(column, field, Nulls, default),
        TypeId.UInt16 => new CsvPrimitiveDecoder<ushort, IntegerParser<ushort>>(column, field, Nulls, default),
        TypeId.UInt8 => new CsvPrimitiveDecoder<byte, IntegerParser<byte>>(column, field, Nulls, default),
        TypeId.Float64 => new CsvPrimitiveDecoder<double, Float64Parser>(column, field, Nulls, default),
        TypeId.Float32 => new CsvPrimitiveDecoder<float, Float32Parser>(column, field, Nulls, default),
        TypeId.Date32 => new CsvPrimitiveDecoder<int, Date32Parser>(column, field, Nulls, default),
        TypeId.Timestamp => new CsvPrimitiveDecoder<long, TimestampParser>(column, field, Nulls, new TimestampParser(field.Type.Unit)),
        TypeId.Bool => new CsvBoolDecoder(column, field, Nulls),
        TypeId.Utf8 => new CsvUtf8Decoder(column, field, Nulls),
        _ => throw new NotSupportedException($"CSV cannot read {field.Type}"),
    };

    private static bool IsReadable(DataType type) => type.Id is TypeId.Int8 or TypeId.Int16 or TypeId.Int32 or TypeId.Int64
        or TypeId.UInt8 or TypeId.UInt16 or TypeId.UInt32 or TypeId.UInt64 or TypeId.Float32 or TypeId.Float64
        or TypeId.Date32 or TypeId.Timestamp or TypeId.Bool or TypeId.Utf8;

    public CsvFormatException Error(string path, CsvLineLocator locator, CsvFault fault) =>
        new(path, locator.LineAt(fault.Offset), fault.Column + 1, FieldName(fault.Column), fault.Problem);

    public CsvRowError Describe(string path, CsvLineLocator locator, CsvFault fault) =>
        new(path, locator.LineAt(fault.Offset), fault.Column + 1, FieldName(fault.Column), fault.Problem);

    private string? FieldName(int column) => column >= 0 && column < FileSchema.Count ? FileSchema[column].Name : null;
}
