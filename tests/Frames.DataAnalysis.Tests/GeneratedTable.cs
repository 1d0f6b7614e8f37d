using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.DataAnalysis.Tests;

/// <summary>Seeded tables holding every Frames type the adapter converts, with nulls, in several batches.</summary>
internal static class GeneratedTable
{
    private static readonly string[] Words = ["", "a", "été", "日本語", "🙂 smile", "tab\there", "quote\"", "long word with spaces"];

    /// <summary>The fields of <see cref="Make"/>; binary ones are never null (the package cannot hold a null byte vector).</summary>
    public static Schema Schema { get; } = new(
        new Field("i8", DataType.Int8), new Field("i16", DataType.Int16), new Field("i32", DataType.Int32),
        new Field("i64", DataType.Int64, nullable: false), new Field("u8", DataType.UInt8), new Field("u16", DataType.UInt16),
        new Field("u32", DataType.UInt32), new Field("u64", DataType.UInt64), new Field("f32", DataType.Float32),
        new Field("f64", DataType.Float64), new Field("flag", DataType.Bool), new Field("text", DataType.Utf8),
        new Field("large_text", DataType.LargeUtf8), new Field("bytes", DataType.Binary), new Field("large_bytes", DataType.LargeBinary),
        new Field("day", DataType.Date32), new Field("ts_s", DataType.Timestamp(TimeUnit.Second)),
        new Field("ts_ms_utc", DataType.Timestamp(TimeUnit.Millisecond, "UTC")),
        new Field("ts_us_paris", DataType.Timestamp(TimeUnit.Microsecond, "Europe/Paris")),
        new Field("ts_ns", DataType.Timestamp(TimeUnit.Nanosecond)),
        new Field("category", DataType.Dictionary(DataType.Int32, DataType.Utf8)),
        new Field("small_category", DataType.Dictionary(DataType.Int8, DataType.Utf8)),
        new Field("nothing", DataType.Null));

    /// <summary>A table of <paramref name="batchLengths"/> batches; the second batch, if any, is a slice (non-zero offsets).</summary>
    public static Table Make(int seed, params int[] batchLengths)
    {
        var random = new Random(seed);
        var batches = new List<RecordBatch>();
        for (var b = 0; b < batchLengths.Length; b++)
        {
            var sliced = b == 1;
            var length = batchLengths[b] + (sliced ? 3 : 0);
            var batch = new RecordBatch(Schema, Schema.Fields.Select(f => Column(f, random, length)).ToArray(), length);
            batches.Add(sliced ? batch.Slice(3, batchLengths[b]) : batch);
        }
        return new Table(Schema, batches);
    }

    private static Column Column(Field field, Random random, int length)
    {
        var type = field.Type;
        if (type.Id == TypeId.Null)
            return new NullColumn(length);
        if (type.Id == TypeId.Dictionary)
            return Dictionary(type, random, length);
        var builder = ColumnBuilder.Create(type, length);
        for (var i = 0; i < length; i++)
        {
            var isNull = field.Nullable && type.Id is not (TypeId.Binary or TypeId.LargeBinary) && random.Next(5) == 0;
            builder.AppendObject(isNull ? null : Value(type, random));
        }
        return builder.Build();
    }

    private static object Value(DataType type, Random random) => type.Id switch
    {
        TypeId.Int8 => (sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1),
        TypeId.Int16 => (short)random.Next(short.MinValue, short.MaxValue + 1),
        TypeId.Int32 => random.Next(int.MinValue, int.MaxValue),
        TypeId.Int64 => random.NextInt64(long.MinValue, long.MaxValue),
        TypeId.UInt8 => (byte)random.Next(256),
        TypeId.UInt16 => (ushort)random.Next(ushort.MaxValue + 1),
        TypeId.UInt32 => (uint)random.NextInt64(uint.MaxValue + 1L),
        TypeId.UInt64 => (ulong)random.NextInt64() * 2 + (ulong)random.Next(2),
        TypeId.Float32 => random.Next(20) == 0 ? float.NaN : (float)(random.NextDouble() * 2e6 - 1e6),
        TypeId.Float64 => random.Next(20) == 0 ? double.NegativeInfinity : random.NextDouble() * 2e12 - 1e12,
        TypeId.Bool => random.Next(2) == 0,
        TypeId.Utf8 or TypeId.LargeUtf8 => Words[random.Next(Words.Length)] + random.Next(100),
        TypeId.Binary or TypeId.LargeBinary => Enumerable.Range(0, random.Next(6)).Select(_ => (byte)random.Next(256)).ToArray(),
        // DateTime holds years 1–9999: days -719162 … 2932896 around 1970-01-01.
        TypeId.Date32 => random.Next(-719_162, 2_932_897),
        TypeId.Timestamp => type.Unit switch
        {
            TimeUnit.Second => random.NextInt64(-62_135_596_800, 253_402_300_800),
            TimeUnit.Millisecond => random.NextInt64(-62_135_596_800_000, 253_402_300_800_000),
            TimeUnit.Microsecond => random.NextInt64(-62_135_596_800_000_000, 253_402_300_800_000_000),
            // Whole 100 ns ticks (what a DateTime holds) within the int64 nanosecond range.
            _ => random.NextInt64(-92_233_720_368_547_758, 92_233_720_368_547_758) * 100,
        },
        _ => throw new ArgumentException($"no generator for {type}"),
    };

    private static Column Dictionary(DataType type, Random random, int length)
    {
        var entries = BinaryColumn.FromStrings(Words.Take(type.IndexType!.Id == TypeId.Int8 ? 4 : Words.Length).ToArray());
        var indices = new int[length];
        var valid = new bool[length];
        for (var i = 0; i < length; i++)
        {
            indices[i] = random.Next(entries.Length);
            valid[i] = random.Next(4) != 0;
        }
        var indexBuffer = type.IndexType.Id == TypeId.Int8
            ? ArrowBuffer.CopyOf<sbyte>(indices.Select(i => (sbyte)i).ToArray())
            : ArrowBuffer.CopyOf<int>(indices);
        return new DictionaryColumn(type, length, indexBuffer, entries, PrimitiveColumn<int>.From(DataType.Int32, indices, valid).Validity);
    }
}
