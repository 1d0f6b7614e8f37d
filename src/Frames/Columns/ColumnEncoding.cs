using System.Numerics;
using FramesNet.Memory;

namespace FramesNet.Columns;

/// <summary>
/// How values are stored, against what they are (docs/engine.md, "Encodings"): dictionary encoding is a way to store
/// values of its value type, not a type of its own. A plan's schema says <c>utf8</c>; a batch may store that column
/// plain or as <c>dictionary&lt;int32, utf8&gt;</c>, and its own schema says which. Conversions between the two are here.
/// </summary>
public static class ColumnEncoding
{
    /// <summary>
    /// <paramref name="column"/> stored as <paramref name="storage"/> (itself when it already is): a dictionary column
    /// decoded, a plain one encoded (it becomes its own dictionary, indices 0…n−1: no hashing), a dictionary
    /// re-indexed. <paramref name="storage"/> must have the column's logical type.
    /// </summary>
    public static Column ConvertTo(Column column, DataType storage)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(storage);
        if (column.Type == storage)
            return column;
        if (column.Type.Logical != storage.Logical)
            throw new ArgumentException($"a column of {column.Type} cannot be stored as {storage}");
        if (storage.Id != TypeId.Dictionary)
            return ((DictionaryColumn)column).Decode();
        if (column is DictionaryColumn dictionary)
        {
            var values = dictionary.DictionaryValues;
            if (values.Type != storage.ValueType)
                return ConvertTo(dictionary.Decode(), storage);
            return new DictionaryColumn(storage, column.Length, Indices(storage.IndexType!, column.Length, i => dictionary.GetIndex(i), values.Length),
                values, CopyValidity(column), column.NullCount);
        }
        return new DictionaryColumn(storage, column.Length, Indices(storage.IndexType!, column.Length, i => i, column.Length), column,
            CopyValidity(column), column.NullCount);
    }

    /// <summary>
    /// <paramref name="batch"/> stored as <paramref name="storage"/> says, field by field, under its names. The
    /// columns must have the logical types of <paramref name="storage"/>'s fields; columns already so are shared.
    /// </summary>
    public static RecordBatch ConvertTo(RecordBatch batch, Schema storage)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(storage);
        if (ReferenceEquals(batch.Schema, storage))
            return batch;
        if (batch.ColumnCount != storage.Count)
            throw new ArgumentException($"the batch has {batch.ColumnCount} columns but the schema has {storage.Count}");
        var columns = new Column[storage.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var column = batch.Column(i);
            if (column.Type.Logical != storage[i].Type.Logical)
                throw new ArgumentException($"column {i} ('{batch.Schema[i].Name}') holds {column.Type} but the schema says {storage[i].Type}");
            columns[i] = ConvertTo(column, storage[i].Type);
        }
        return new RecordBatch(storage, columns, batch.Length);
    }

    /// <summary>
    /// The schema a stream carrying <paramref name="batches"/> declares, so that it converts as little as possible:
    /// each field stored as the first batch stores it (a dictionary as <c>dictionary&lt;int32, T&gt;</c>, which any
    /// later batch fits), under the names of <paramref name="schema"/>; its logical types when there is no batch.
    /// </summary>
    public static Schema FromFirstBatch(Schema schema, IReadOnlyList<RecordBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var logical = schema.Logical();
        if (batches.Count == 0)
            return logical;
        var first = batches[0];
        if (first.ColumnCount != logical.Count)
            throw new ArgumentException($"the batch has {first.ColumnCount} columns but the schema has {logical.Count}");
        Field[]? fields = null;
        for (var i = 0; i < logical.Count; i++)
        {
            if (first.Column(i).Type.Id != TypeId.Dictionary || logical[i].Type.Id == TypeId.Dictionary)
                continue;
            fields ??= [.. logical.Fields];
            fields[i] = logical[i].WithType(DataType.Dictionary(DataType.Int32, logical[i].Type));
        }
        return fields is null ? logical : new Schema(fields, logical.Metadata);
    }

    private static ArrowBuffer Indices(DataType indexType, int length, Func<int, long> index, int dictionaryLength) => indexType.Id switch
    {
        TypeId.Int8 => Indices<sbyte>(length, index, dictionaryLength, indexType),
        TypeId.Int16 => Indices<short>(length, index, dictionaryLength, indexType),
        TypeId.Int32 => Indices<int>(length, index, dictionaryLength, indexType),
        TypeId.Int64 => Indices<long>(length, index, dictionaryLength, indexType),
        TypeId.UInt8 => Indices<byte>(length, index, dictionaryLength, indexType),
        TypeId.UInt16 => Indices<ushort>(length, index, dictionaryLength, indexType),
        TypeId.UInt32 => Indices<uint>(length, index, dictionaryLength, indexType),
        TypeId.UInt64 => Indices<ulong>(length, index, dictionaryLength, indexType),
        _ => throw new ArgumentException($"dictionary indices must be an integer type, not {indexType}"),
    };

    private static ArrowBuffer Indices<T>(int length, Func<int, long> index, int dictionaryLength, DataType indexType)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (dictionaryLength > 0 && long.CreateSaturating(T.MaxValue) < dictionaryLength - 1L)
            throw new InvalidOperationException($"a dictionary of {dictionaryLength} values cannot be addressed by {indexType} indices");
        var values = new T[length];
        for (var i = 0; i < values.Length; i++)
        {
            var k = index(i);
            // Slots under nulls may hold anything; 0 is always a valid index.
            values[i] = (ulong)k < (ulong)dictionaryLength ? T.CreateTruncating(k) : T.Zero;
        }
        return ArrowBuffer.CopyOf<T>(values);
    }

    private static ArrowBuffer CopyValidity(Column column)
    {
        if (column.NullCount == 0)
            return default;
        var bytes = Bitmap.BytesFor(column.Length);
        var owner = BufferPool.Shared.Rent(bytes);
        Bitmap.Copy(column.Validity.Span, column.Offset, owner.Span, 0, column.Length);
        return new ArrowBuffer(owner, 0, bytes);
    }
}
