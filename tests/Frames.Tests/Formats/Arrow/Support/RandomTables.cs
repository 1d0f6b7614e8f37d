using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>The shape of a random table; the values come from a Random seeded with <see cref="Seed"/>.</summary>
public sealed record TableCase(int Seed, int Columns, int[] BatchRows, int[] SliceStarts, DictionaryMode Mode, ArrowIpcFormat Format)
{
    public override string ToString() =>
        $"seed {Seed}, {Columns} columns, rows [{string.Join(", ", BatchRows)}], slices from [{string.Join(", ", SliceStarts)}], {Mode} dictionaries, {Format}";
}

/// <summary>
/// Random schemas and batches over every type Frames holds: nulls, float specials, unicode, extreme
/// integers and times, columns sliced at odd offsets, dictionaries shared, growing or per batch (their
/// values sliced too), schema and field metadata.
/// </summary>
internal static class RandomTables
{
    private static readonly string[] Words = ["", "a", "héllo", "日本", "🎉x", "nul\0", "tab\t", "quote\"", "ZZZZZZZZZZZZ", "ß"];
    private static readonly DataType[] IndexTypes =
        [DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64, DataType.UInt8, DataType.UInt16, DataType.UInt32, DataType.UInt64];
    private static readonly DataType[] PlainTypes =
    [
        DataType.Null, DataType.Bool, DataType.Int8, DataType.Int16, DataType.Int32, DataType.Int64,
        DataType.UInt8, DataType.UInt16, DataType.UInt32, DataType.UInt64, DataType.Float32, DataType.Float64,
        DataType.Utf8, DataType.LargeUtf8, DataType.Binary, DataType.LargeBinary, DataType.Date32,
        DataType.Timestamp(TimeUnit.Second), DataType.Timestamp(TimeUnit.Millisecond, "UTC"),
        DataType.Timestamp(TimeUnit.Microsecond, "Europe/Paris"), DataType.Timestamp(TimeUnit.Nanosecond),
    ];
    private static readonly DataType[] DictionaryValueTypes =
        [DataType.Utf8, DataType.LargeUtf8, DataType.Binary, DataType.Int64, DataType.Float64, DataType.Int8, DataType.Date32, DataType.Bool];

    public static Arbitrary<TableCase> Cases() =>
        (from seed in Gen.Choose(0, int.MaxValue)
         from columns in Gen.Choose(0, 6)
         from batches in Gen.Choose(0, 4)
         from rows in Gen.ArrayOf(Gen.Choose(0, 70), batches)
         from slices in Gen.ArrayOf(Gen.Choose(0, 13), batches)
         from mode in Gen.Elements(DictionaryMode.Shared, DictionaryMode.Growing, DictionaryMode.PerBatch)
         from format in Gen.Elements(ArrowIpcFormat.Stream, ArrowIpcFormat.File)
         select new TableCase(seed, columns, rows, slices, mode, format)).ToArbitrary();

    public static (Schema Schema, List<RecordBatch> Batches) Build(TableCase shape)
    {
        var random = new Random(shape.Seed);
        var fields = new Field[shape.Columns];
        for (var c = 0; c < fields.Length; c++)
        {
            var type = random.Next(4) == 0
                ? DataType.Dictionary(Pick(random, IndexTypes), Pick(random, DictionaryValueTypes), random.Next(2) == 0)
                : Pick(random, PlainTypes);
            var metadata = random.Next(5) == 0 ? new Dictionary<string, string> { ["k" + c] = Pick(random, Words) } : null;
            fields[c] = new Field("c" + c, type, type.Id == TypeId.Null || random.Next(4) != 0, metadata);
        }
        var schema = new Schema(fields, random.Next(3) == 0 ? new Dictionary<string, string> { ["table"] = "t", ["ünï"] = "" } : null);
        var columns = shape.BatchRows.Select(_ => new Column[fields.Length]).ToArray();
        for (var c = 0; c < fields.Length; c++)
        {
            Column? dictionary = null;
            for (var b = 0; b < shape.BatchRows.Length; b++)
            {
                var rows = shape.BatchRows[b];
                var before = (shape.SliceStarts[b] + c) % 13;
                var field = fields[c];
                if (field.Type.Id == TypeId.Dictionary)
                {
                    dictionary = NextDictionary(random, field.Type, dictionary, shape.Mode);
                    columns[b][c] = Indices(random, field, dictionary, before + rows + 3).Slice(before, rows);
                }
                else
                {
                    columns[b][c] = Values(random, field.Type, field.Nullable, before + rows + 3).Slice(before, rows);
                }
            }
        }
        return (schema, columns.Select((cs, b) => new RecordBatch(schema, cs, shape.BatchRows[b])).ToList());
    }

    private static Column NextDictionary(Random random, DataType type, Column? previous, DictionaryMode mode)
    {
        if (previous is not null && mode == DictionaryMode.Shared)
            return previous;
        var valueType = type.ValueType!;
        var limit = type.IndexType!.Id is TypeId.Int8 ? 120 : 200;
        if (previous is not null && mode == DictionaryMode.Growing)
        {
            var grown = ColumnBuilder.Create(valueType);
            for (var i = 0; i < previous.Length; i++)
                grown.AppendFrom(previous, i);
            var extra = Values(random, valueType, nullable: false, Math.Min(random.Next(0, 5), limit - previous.Length));
            for (var i = 0; i < extra.Length; i++)
                grown.AppendFrom(extra, i);
            return grown.Build();
        }
        var size = random.Next(0, 12);
        var skip = random.Next(3);
        return Values(random, valueType, nullable: random.Next(5) == 0, size + skip).Slice(skip, size);
    }

    private static Column Indices(Random random, Field field, Column dictionary, int count)
    {
        var type = field.Type;
        var builder = ColumnBuilder.Create(type.IndexType!, Math.Max(1, count));
        for (var i = 0; i < count; i++)
        {
            if (dictionary.Length == 0 || (field.Nullable && random.Next(5) == 0))
                builder.AppendNull();
            else
                builder.AppendObject((long)random.Next(dictionary.Length));
        }
        var indices = builder.Build();
        return new DictionaryColumn(type, count, indices.Buffers[1], dictionary, indices.Validity, indices.NullCount);
    }

    private static Column Values(Random random, DataType type, bool nullable, int count)
    {
        var builder = ColumnBuilder.Create(type, Math.Max(1, count));
        for (var i = 0; i < count; i++)
        {
            if (type.Id == TypeId.Null || (nullable && random.Next(4) == 0))
            {
                builder.AppendNull();
                continue;
            }
            switch (builder)
            {
                case PrimitiveColumnBuilder<double> d: d.Append(NextDouble(random)); break;
                case PrimitiveColumnBuilder<float> f: f.Append((float)NextDouble(random)); break;
                case PrimitiveColumnBuilder<long> l: l.Append(Extreme(random) ?? random.NextInt64(long.MinValue, long.MaxValue)); break;
                case PrimitiveColumnBuilder<ulong> u: u.Append((ulong)(Extreme(random) ?? random.NextInt64(long.MinValue, long.MaxValue))); break;
                case PrimitiveColumnBuilder<int> n: n.Append(random.Next(int.MinValue, int.MaxValue)); break;
                case PrimitiveColumnBuilder<uint> n: n.Append((uint)random.Next(int.MinValue, int.MaxValue)); break;
                case PrimitiveColumnBuilder<short> n: n.Append((short)random.Next(short.MinValue, short.MaxValue + 1)); break;
                case PrimitiveColumnBuilder<ushort> n: n.Append((ushort)random.Next(ushort.MaxValue + 1)); break;
                case PrimitiveColumnBuilder<sbyte> n: n.Append((sbyte)random.Next(sbyte.MinValue, sbyte.MaxValue + 1)); break;
                case PrimitiveColumnBuilder<byte> n: n.Append((byte)random.Next(256)); break;
                case BooleanColumnBuilder b: b.Append(random.Next(2) == 0); break;
                case BinaryColumnBuilder s when type.Id == TypeId.Utf8: s.Append(Pick(random, Words) + Pick(random, Words)); break;
                case LargeBinaryColumnBuilder s when type.Id == TypeId.LargeUtf8: s.Append(Pick(random, Words)); break;
                case BinaryColumnBuilder s: s.Append(RandomBytes(random)); break;
                case LargeBinaryColumnBuilder s: s.Append(RandomBytes(random)); break;
                default: throw new NotSupportedException(type.ToString());
            }
        }
        return builder.Build();
    }

    private static long? Extreme(Random random) => random.Next(6) switch
    {
        0 => long.MinValue,
        1 => long.MaxValue,
        2 => 0,
        _ => null,
    };

    private static double NextDouble(Random random) => random.Next(12) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => -0.0,
        4 => double.Epsilon,
        5 => double.MaxValue,
        _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 7)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
