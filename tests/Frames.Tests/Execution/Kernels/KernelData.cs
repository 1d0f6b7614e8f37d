using FramesNet.Columns;
using FramesNet.Execution.Kernels;

namespace FramesNet.Tests.Execution.Kernels;

/// <summary>Random columns and batches for kernel property tests, plus boxed-row views for the plain references.</summary>
internal static class KernelData
{
    public static readonly DataType[] AllTypes =
    [
        DataType.Bool, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64,
        DataType.UInt8, DataType.UInt16, DataType.UInt32, DataType.UInt64,
        DataType.Float32, DataType.Float64, DataType.Utf8, DataType.Date32, DataType.Timestamp(TimeUnit.Microsecond),
    ];

    /// <summary>
    /// A column of <paramref name="length"/> values drawn from <paramref name="distinct"/> possibilities (so keys repeat),
    /// about <paramref name="nullRate"/> nulls. Built with a leading pad and sliced, so its Offset is not zero.
    /// </summary>
    public static Column Column(Random random, DataType type, int length, int distinct = 8, double nullRate = 0.15)
    {
        var pad = random.Next(0, 3);
        var builder = ColumnBuilder.Create(type, length + pad);
        for (var i = 0; i < length + pad; i++)
        {
            if (random.NextDouble() < nullRate) builder.AppendNull();
            else builder.AppendObject(Value(random, type, distinct));
        }
        return builder.Build().Slice(pad, length);
    }

    public static object Value(Random random, DataType type, int distinct)
    {
        var k = random.Next(distinct);
        return type.Id switch
        {
            TypeId.Bool => k % 2 == 0,
            TypeId.Int8 => (sbyte)(k - distinct / 2),
            TypeId.Int16 => (short)(k * 100 - 50),
            TypeId.Int32 => k * 1000 - 3000,
            TypeId.Int64 => (long)k * 1_000_000_007L - 5,
            TypeId.UInt8 => (byte)k,
            TypeId.UInt16 => (ushort)(k * 7),
            TypeId.UInt32 => (uint)k * 100_000u,
            TypeId.UInt64 => (ulong)k * 10_000_000_000UL,
            TypeId.Float32 => FloatValue(k) is var f ? (float)f : 0f,
            TypeId.Float64 => FloatValue(k),
            TypeId.Utf8 => k switch { 0 => "", 1 => "a", 2 => "ab", 3 => "Ünïcode", _ => "s" + k + new string('x', k % 20) },
            TypeId.Date32 => 19000 + k,
            TypeId.Timestamp => 1_700_000_000_000_000L + k * 3_600_000_000L,
            _ => throw new NotSupportedException(type.ToString()),
        };
    }

    // Includes the awkward floats: NaN, -0.0 and 0.0, infinities.
    private static double FloatValue(int k) => k switch
    {
        0 => 0.0,
        1 => -0.0,
        2 => double.NaN,
        3 => double.PositiveInfinity,
        4 => -1.5,
        _ => k * 0.25,
    };

    public static RecordBatch Batch(Random random, IReadOnlyList<DataType> types, int length, int distinct = 8, double nullRate = 0.15)
    {
        var fields = types.Select((t, i) => new Field("c" + i, t)).ToArray();
        var columns = types.Select(t => Column(random, t, length, distinct, nullRate)).ToArray();
        return new RecordBatch(new Schema(fields), columns, length);
    }

    public static DataType RandomType(Random random) => AllTypes[random.Next(AllTypes.Length)];

    /// <summary>The same rows cut into <paramref name="parts"/> batches at random points (some may be empty).</summary>
    public static List<RecordBatch> Split(Random random, RecordBatch batch, int parts)
    {
        var cuts = Enumerable.Range(0, parts - 1).Select(_ => random.Next(batch.Length + 1)).Order().ToList();
        cuts.Insert(0, 0);
        cuts.Add(batch.Length);
        return Enumerable.Range(0, parts).Select(i => batch.Slice(cuts[i], cuts[i + 1] - cuts[i])).ToList();
    }

    public static object?[] Values(Column column) => Enumerable.Range(0, column.Length).Select(column.GetValue).ToArray();

    public static List<object?[]> Rows(RecordBatch batch) =>
        Enumerable.Range(0, batch.Length).Select(r => batch.Columns.Select(c => c.GetValue(r)).ToArray()).ToList();

    public static List<object?[]> Rows(IEnumerable<RecordBatch> batches) => batches.SelectMany(Rows).ToList();

    /// <summary>Row text for comparing results (byte[] and floats print stably).</summary>
    public static string Show(object?[] row) => string.Join("|", row.Select(Show));

    public static string Show(object? value) => value switch
    {
        null => "∅",
        byte[] b => Convert.ToHexString(b),
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>A boolean mask with nulls.</summary>
    public static BooleanColumn Mask(Random random, int length, double trueRate, double nullRate = 0.1)
    {
        var builder = new BooleanColumnBuilder(length + 1);
        builder.Append(true);
        for (var i = 0; i < length; i++)
        {
            if (random.NextDouble() < nullRate) builder.AppendNull();
            else builder.Append(random.NextDouble() < trueRate);
        }
        return (BooleanColumn)builder.Build().Slice(1, length);
    }

    /// <summary>A dictionary-encoded utf8 column (int32 indices) whose values are <paramref name="dictionary"/>.</summary>
    public static DictionaryColumn Dictionary(Random random, IReadOnlyList<string?> dictionary, int length, double nullRate = 0.1)
    {
        var indices = new int[length];
        var valid = new bool[length];
        for (var i = 0; i < length; i++)
        {
            indices[i] = random.Next(dictionary.Count);
            valid[i] = random.NextDouble() >= nullRate;
        }
        var values = BinaryColumn.FromStrings(dictionary);
        var type = DataType.Dictionary(DataType.Int32, DataType.Utf8);
        var validity = PrimitiveColumn<int>.From(DataType.Int32, indices, valid);
        return new DictionaryColumn(type, length, validity.ValueBuffer, values, validity.Validity);
    }

    public static RecordBatch Single(string name, Column column) =>
        new(new Schema(new Field(name, column.Type)), [column], column.Length);

    public static RecordBatch ConcatAll(IReadOnlyList<RecordBatch> batches, Schema schema) =>
        batches.Count == 0 ? RecordBatchKernels.Empty(schema) : RecordBatchKernels.Concat(batches);
}
