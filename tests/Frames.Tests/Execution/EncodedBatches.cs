using System.Text;
using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Memory;
using FramesNet.Tests.Physical;

namespace FramesNet.Tests.Execution;

/// <summary>
/// Partitions whose string and binary columns come stored every way the engine meets them: plain, or
/// dictionary-encoded with any index type, over dictionaries holding unused values, repeated values and a
/// null entry (which a valid index may point at: a null), in any order, shared by several batches or not,
/// sliced; mixed within one partition. <see cref="Plain"/> gives the same rows plain, the reference.
/// </summary>
internal static class EncodedBatches
{
    public static readonly Schema Schema = new(
        new Field("k", DataType.Int64), new Field("s", DataType.Utf8), new Field("t", DataType.Utf8),
        new Field("b", DataType.Binary), new Field("v", DataType.Float64));

    private static readonly string?[] Words = ["a", "b", "", "ab", "ba", "zz", "é", null];

    /// <summary>0–4 batches of 0–40 random rows, plain.</summary>
    public static List<RecordBatch> Plain(Random random, int maxBatches = 4, int maxRows = 40) =>
        Enumerable.Range(0, random.Next(0, maxBatches + 1)).Select(_ => PlainBatch(random, random.Next(0, maxRows + 1))).ToList();

    private static RecordBatch PlainBatch(Random random, int rows)
    {
        var builders = Schema.Fields.Select(f => ColumnBuilder.Create(f.Type, Math.Max(rows, 1))).ToArray();
        for (var r = 0; r < rows; r++)
        {
            builders[0].AppendObject(random.Next(6) == 0 ? null : (long)random.Next(-3, 6));
            builders[1].AppendObject(Words[random.Next(Words.Length)]);
            builders[2].AppendObject(Words[random.Next(Words.Length)]);
            builders[3].AppendObject(Words[random.Next(Words.Length)] is { } w ? Encoding.UTF8.GetBytes(w) : null);
            builders[4].AppendObject(random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 10, 1));
        }
        return new RecordBatch(Schema, builders.Select(b => b.Build()).ToArray(), rows);
    }

    /// <summary>The same rows as <paramref name="plain"/>, each string/binary column of each batch stored at random.</summary>
    public static List<RecordBatch> Encode(IReadOnlyList<RecordBatch> plain, Random random)
    {
        // A dictionary per column shared by every batch that picks it: all values of the partition plus unused ones.
        var shared = new Dictionary<int, Column>();
        var result = new List<RecordBatch>();
        foreach (var batch in plain)
        {
            // Sometimes a slice of a longer batch: columns with offsets.
            var slice = batch.Length > 0 && random.Next(3) == 0;
            var source = slice ? RecordBatchKernels.Concat([batch.Slice(0, 1), batch]) : batch;
            var columns = new Column[source.ColumnCount];
            for (var c = 0; c < columns.Length; c++)
            {
                var column = source.Column(c);
                columns[c] = column.Type.Id is TypeId.Utf8 or TypeId.Binary && random.Next(3) > 0
                    ? Encode(column, random.Next(3) == 0 ? Shared(shared, c, plain, random) : Dictionary(column, random), random)
                    : column;
            }
            var encoded = RecordBatch.ForSchema(source.Schema, columns, source.Length);
            result.Add(slice ? encoded.Slice(1, batch.Length) : encoded);
        }
        return result;
    }

    /// <summary>Rows as text, in order (nulls, whether from validity or from a null dictionary entry, as ∅).</summary>
    public static List<string> Rows(IEnumerable<RecordBatch> batches) =>
        batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => RefFrame.Format(b.Columns.Select(c => RefFrame.Normal(c.GetValue(r))).ToArray()))).ToList();

    /// <summary>Rows as text in ordinal order: equal for equal multisets.</summary>
    public static List<string> SortedRows(IEnumerable<RecordBatch> batches) => Rows(batches).Order(StringComparer.Ordinal).ToList();

    private static Column Shared(Dictionary<int, Column> shared, int c, IReadOnlyList<RecordBatch> plain, Random random)
    {
        if (!shared.TryGetValue(c, out var dictionary))
            shared[c] = dictionary = Dictionary(ColumnKernels.Concat(plain.Select(b => b.Column(c)).Append(KernelBuffers.Empty(plain.Count > 0 ? plain[0].Column(c).Type : Schema[c].Type)).ToArray()), random);
        return dictionary;
    }

    /// <summary>The distinct values of <paramref name="column"/>, some twice, plus unused ones and a null, shuffled.</summary>
    private static Column Dictionary(Column column, Random random)
    {
        var values = Enumerable.Range(0, column.Length).Select(column.GetValue).OfType<object>().Select(Text).Distinct().ToList();
        if (values.Count > 0 && random.Next(2) == 0)
            values.Add(values[random.Next(values.Count)]);
        values.AddRange(Enumerable.Range(0, random.Next(0, 4)).Select(i => $"unused{i}"));
        var entries = values.Select(v => (string?)v).ToList();
        if (random.Next(2) == 0)
            entries.Add(null);
        entries = entries.OrderBy(_ => random.Next()).ToList();
        var builder = ColumnBuilder.Create(column.Type, Math.Max(entries.Count, 1));
        foreach (var entry in entries)
            builder.AppendObject(entry is null ? null : column.Type.Id == TypeId.Binary ? Encoding.UTF8.GetBytes(entry) : entry);
        return builder.Build();
    }

    /// <summary>Indices into <paramref name="dictionary"/> for each value (a random one of its copies); a null is a null index or, sometimes, the dictionary's null entry.</summary>
    private static DictionaryColumn Encode(Column column, Column dictionary, Random random)
    {
        var positions = new Dictionary<string, List<int>>();
        var nullEntry = -1;
        for (var i = 0; i < dictionary.Length; i++)
        {
            if (dictionary.GetValue(i) is { } value)
            {
                var key = Text(value);
                if (!positions.TryGetValue(key, out var list))
                    positions[key] = list = [];
                list.Add(i);
            }
            else
            {
                nullEntry = i;
            }
        }
        DataType[] indexTypes = [DataType.Int32, DataType.Int8, DataType.UInt8, DataType.Int16, DataType.Int64, DataType.UInt32];
        var indexType = indexTypes[random.Next(indexTypes.Length)];
        var indices = new long[column.Length];
        var valid = new bool[column.Length];
        for (var r = 0; r < column.Length; r++)
        {
            if (column.GetValue(r) is { } value)
            {
                var copies = positions[Text(value)];
                indices[r] = copies[random.Next(copies.Count)];
                valid[r] = true;
            }
            else if (nullEntry >= 0 && random.Next(2) == 0)
            {
                indices[r] = nullEntry;
                valid[r] = true;
            }
            else
            {
                indices[r] = dictionary.Length > 0 ? random.Next(dictionary.Length) : 0; // anything under a null
            }
        }
        var type = DataType.Dictionary(indexType, column.Type);
        var builder = ColumnBuilder.Create(indexType, Math.Max(column.Length, 1));
        foreach (var index in indices)
            builder.AppendObject(Convert.ChangeType(index, IndexClr(indexType)));
        var built = builder.Build();
        var validity = default(ArrowBuffer);
        var nulls = valid.Count(v => !v);
        if (nulls > 0)
        {
            var bits = new byte[Bitmap.BytesFor(column.Length)];
            for (var r = 0; r < valid.Length; r++)
                Bitmap.Set(bits, r, valid[r]);
            validity = ArrowBuffer.CopyOf(bits);
        }
        return new DictionaryColumn(type, column.Length, built.Buffers[1], dictionary, validity, nulls);
    }

    private static Type IndexClr(DataType type) => type.Id switch
    {
        TypeId.Int8 => typeof(sbyte),
        TypeId.UInt8 => typeof(byte),
        TypeId.Int16 => typeof(short),
        TypeId.Int32 => typeof(int),
        TypeId.UInt32 => typeof(uint),
        _ => typeof(long),
    };

    private static string Text(object value) => value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : (string)value;
}
