using System.Numerics;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// The writer's side of one dictionary id: remembers which values the reader already holds and decides,
/// per batch, what to send. The same dictionary again, or a prefix of it: nothing. One that extends it: a
/// delta with the new values. Any other: in a stream, a replacement; in a file (which forbids replacements), the two are
/// merged: the values the reader lacks go out as a delta and the batch's indices are rewritten to match.
/// Holds a reference on the values it remembers so they stay valid after the caller disposes its batches.
/// </summary>
internal sealed class DictionarySender : IDisposable
{
    private readonly long _id;
    private readonly Field _field;
    private readonly bool _allowReplacement;
    private Column? _sent;
    private Dictionary<DictionaryValueKey, int>? _index;

    public DictionarySender(long id, Field field, bool allowReplacement)
    {
        _id = id;
        _field = field;
        _allowReplacement = allowReplacement;
    }

    public long Id => _id;

    /// <summary>Sends what the reader needs for <paramref name="column"/>; returns the column to write (rewritten only when merged).</summary>
    public DictionaryColumn Prepare(DictionaryColumn column, Action<Column, bool> send)
    {
        var values = column.DictionaryValues;
        if (_sent is null)
        {
            send(values, false);
            Remember(values);
            return column;
        }
        // A column that uses no index (all null) leaves the reader's dictionary as it is.
        if (ReferenceEquals(values, _sent) || column.NullCount == column.Length)
            return column;
        // One dictionary starting with the other: the reader's indices stay valid, at most a delta is needed.
        if (DictionaryValueKey.PrefixEquals(_sent, values, Math.Min(_sent.Length, values.Length)))
        {
            if (values.Length > _sent.Length)
            {
                var added = values.Slice(_sent.Length, values.Length - _sent.Length);
                send(added, true);
                AddToIndex(added, _sent.Length);
                Remember(values);
            }
            return column;
        }
        if (_allowReplacement)
        {
            send(values, false);
            _index = null;
            Remember(values);
            return column;
        }
        return Merge(column, send);
    }

    private DictionaryColumn Merge(DictionaryColumn column, Action<Column, bool> send)
    {
        var values = column.DictionaryValues;
        if (_index is null)
        {
            _index = new Dictionary<DictionaryValueKey, int>(_sent!.Length);
            AddToIndex(_sent, 0);
        }
        var mapping = new int[values.Length];
        var builder = ColumnBuilder.Create(values.Type, Math.Max(1, values.Length));
        var next = _sent!.Length;
        for (var i = 0; i < values.Length; i++)
        {
            var key = DictionaryValueKey.Of(values, i);
            if (!_index.TryGetValue(key, out var k))
            {
                k = next++;
                _index.Add(key, k);
                builder.AppendFrom(values, i);
            }
            mapping[i] = k;
        }
        var indexType = column.Type.IndexType!;
        var largest = indexType.ByteWidth == 8 ? long.MaxValue : (indexType.IsSignedInteger ? 1L << (indexType.ByteWidth * 8 - 1) : 1L << (indexType.ByteWidth * 8)) - 1;
        if (next - 1 > largest)
            throw new InvalidOperationException($"field '{_field.Name}': merging its dictionaries gives {next} values, more than {indexType} indices can address");
        var added = builder.Build();
        if (added.Length > 0)
            send(added, true);
        var merged = ColumnConcat.Concat(_sent, added);
        Remember(merged);
        return new DictionaryColumn(column.Type, column.Length, Remap(column, mapping), merged, column.NullCount == 0 ? default : CopyValidity(column));
    }

    private static ArrowBuffer Remap(DictionaryColumn column, int[] mapping) => column.Type.IndexType!.Id switch
    {
        TypeId.Int8 => Remap<sbyte>(column, mapping),
        TypeId.Int16 => Remap<short>(column, mapping),
        TypeId.Int32 => Remap<int>(column, mapping),
        TypeId.Int64 => Remap<long>(column, mapping),
        TypeId.UInt8 => Remap<byte>(column, mapping),
        TypeId.UInt16 => Remap<ushort>(column, mapping),
        TypeId.UInt32 => Remap<uint>(column, mapping),
        _ => Remap<ulong>(column, mapping),
    };

    private static ArrowBuffer Remap<T>(DictionaryColumn column, int[] mapping) where T : unmanaged, IBinaryInteger<T>
    {
        var indices = new T[column.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            if (!column.IsValid(i))
                continue;
            var index = column.GetIndex(i);
            if ((ulong)index >= (ulong)mapping.Length)
                throw new ArgumentException($"dictionary index {index} at row {i} is outside its {mapping.Length}-value dictionary");
            indices[i] = T.CreateTruncating(mapping[index]);
        }
        return ArrowBuffer.CopyOf<T>(indices);
    }

    private static ArrowBuffer CopyValidity(Column column)
    {
        var bytes = Bitmap.BytesFor(column.Length);
        var owner = BufferPool.Shared.Rent(bytes);
        Bitmap.Copy(column.Validity.Span, column.Offset, owner.Span, 0, column.Length);
        return new ArrowBuffer(owner, 0, bytes);
    }

    private void AddToIndex(Column values, int firstIndex)
    {
        if (_index is null)
            return;
        for (var i = 0; i < values.Length; i++)
            _index.TryAdd(DictionaryValueKey.Of(values, i), firstIndex + i);
    }

    private void Remember(Column values)
    {
        values.Retain();
        _sent?.Release();
        _sent = values;
    }

    public void Dispose()
    {
        _sent?.Release();
        _sent = null;
    }
}
