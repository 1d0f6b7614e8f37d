using System.Numerics;
using FramesNet.Columns;
using FramesNet.Formats.Arrow.Messages;
using FramesNet.Memory;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// Turns a record batch's metadata and body into columns whose buffers are windows into the body block.
/// Everything read from the wire is checked first: node and buffer counts, lengths and null counts, buffer
/// ranges inside the body, validity bitmaps against the null count, offsets, dictionary indices.
/// </summary>
internal ref struct BatchDecoder
{
    private readonly RecordBatchHeader _header;
    private readonly IpcMessage _message;
    private readonly MessageReader _source;
    private readonly string? _label;
    private int _node;
    private int _buffer;

    /// <param name="label">How errors name the column of a dictionary batch; fields are named by their name.</param>
    public BatchDecoder(RecordBatchHeader header, IpcMessage message, MessageReader source, string? label = null)
    {
        _header = header;
        _message = message;
        _source = source;
        _label = label;
    }

    /// <summary>
    /// Decodes one column per field. <paramref name="dictionaries"/> gives the current dictionary of each
    /// dictionary-encoded column (null when none has arrived yet).
    /// </summary>
    public Column[] DecodeColumns(IReadOnlyList<Field> fields, ReadOnlySpan<Column?> dictionaries)
    {
        if (_header.Length > int.MaxValue)
            throw _source.Error(_header.TableOffset, $"batch of {_header.Length} rows is longer than Frames supports ({int.MaxValue})");
        if (_header.Nodes.Length != fields.Count)
            throw _source.Error(_header.TableOffset, $"batch has {_header.Nodes.Length} field nodes for {fields.Count} fields");
        var columns = new Column[fields.Count];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = DecodeColumn(fields[i], dictionaries.IsEmpty ? null : dictionaries[i]);
        if (_buffer != _header.Buffers.Length)
            throw _source.Error(_header.BuffersOffset, $"batch has {_header.Buffers.Length} buffers but its fields use {_buffer}");
        return columns;
    }

    private Column DecodeColumn(Field field, Column? dictionary)
    {
        var nodeOffset = _header.NodesOffset + 16L * _node;
        var node = _header.Nodes[_node++];
        if (node.Length != _header.Length)
            throw _source.Error(nodeOffset, $"{Name(field)} has {node.Length} values but the batch has {_header.Length} rows");
        var length = (int)node.Length;
        if (node.NullCount < 0 || node.NullCount > length)
            throw _source.Error(nodeOffset + 8, $"{Name(field)} has null count {node.NullCount} for {length} values");
        var type = field.Type;
        if (type.Id == TypeId.Null)
            return new NullColumn(length);
        var validity = TakeValidity(field, length, (int)node.NullCount);
        var nulls = (int)node.NullCount;
        switch (type.Id)
        {
            case TypeId.Utf8 or TypeId.Binary or TypeId.LargeUtf8 or TypeId.LargeBinary:
                return DecodeVariable(field, length, validity, nulls);
            case TypeId.Dictionary:
                return DecodeDictionary(field, length, validity, nulls, dictionary);
            case TypeId.Bool:
                return ColumnFactory.Fixed(type, length, TakeBuffer(field, (length + 7L) >> 3, "values"), validity, nulls);
            default:
                return ColumnFactory.Fixed(type, length, TakeBuffer(field, (long)length * type.ByteWidth, "values"), validity, nulls);
        }
    }

    private ArrowBuffer TakeValidity(Field field, int length, int nullCount)
    {
        var at = BufferOffset(_buffer);
        var validity = TakeBuffer(field, 0, "validity");
        if (validity.IsEmpty)
        {
            if (nullCount != 0)
                throw _source.Error(at, $"{Name(field)} has {nullCount} nulls but no validity bitmap");
            return default;
        }
        if (validity.Length < (length + 7L) >> 3)
            throw _source.Error(at, $"{Name(field)}: validity bitmap of {validity.Length} bytes is too short for {length} values");
        var counted = length - Bitmap.CountSet(validity.Span, 0, length);
        if (counted != nullCount)
            throw _source.Error(at, $"{Name(field)}: null count is {nullCount} but the validity bitmap has {counted} nulls");
        return nullCount == 0 ? default : validity;
    }

    private Column DecodeVariable(Field field, int length, ArrowBuffer validity, int nulls)
    {
        var large = field.Type.Id is TypeId.LargeUtf8 or TypeId.LargeBinary;
        var at = BufferOffset(_buffer);
        var offsets = TakeBuffer(field, 0, "offsets");
        if (length > 0 || !offsets.IsEmpty)
        {
            var needed = (length + 1L) * (large ? 8 : 4);
            if (offsets.Length < needed)
                throw _source.Error(at, $"{Name(field)}: offsets buffer of {offsets.Length} bytes is too short for {length} values ({needed} needed)");
        }
        var data = TakeBuffer(field, 0, "data");
        var column = ColumnFactory.Variable(field.Type, length, offsets, data, validity, nulls);
        var valid = column is BinaryColumn narrow
            ? OffsetCheck.IsValid(narrow.Offsets, data.Length)
            : OffsetCheck.IsValid(((LargeBinaryColumn)column).Offsets, data.Length);
        if (!valid)
        {
            var problem = column is BinaryColumn b ? b.CheckOffsets() : ((LargeBinaryColumn)column).CheckOffsets();
            throw _source.Error(at, $"{Name(field)}: {problem}");
        }
        return column;
    }

    private Column DecodeDictionary(Field field, int length, ArrowBuffer validity, int nulls, Column? dictionary)
    {
        var type = field.Type;
        var at = BufferOffset(_buffer);
        var indices = TakeBuffer(field, (long)length * type.IndexType!.ByteWidth, "indices");
        var values = dictionary ?? ColumnFactory.Empty(type.ValueType!);
        var bad = type.IndexType.Id switch
        {
            TypeId.Int8 => FindBadIndex(indices.As<sbyte>(), length, validity, values.Length),
            TypeId.Int16 => FindBadIndex(indices.As<short>(), length, validity, values.Length),
            TypeId.Int32 => FindBadIndex(indices.As<int>(), length, validity, values.Length),
            TypeId.Int64 => FindBadIndex(indices.As<long>(), length, validity, values.Length),
            TypeId.UInt8 => FindBadIndex(indices.As<byte>(), length, validity, values.Length),
            TypeId.UInt16 => FindBadIndex(indices.As<ushort>(), length, validity, values.Length),
            TypeId.UInt32 => FindBadIndex(indices.As<uint>(), length, validity, values.Length),
            _ => FindBadIndex(indices.As<ulong>(), length, validity, values.Length),
        };
        if (bad >= 0)
        {
            var column = new DictionaryColumn(type, length, indices, values, validity, nulls);
            throw _source.Error(at, dictionary is null
                ? $"{Name(field)} uses dictionary indices but no dictionary batch came before it"
                : $"{Name(field)}: dictionary index {column.GetIndex(bad)} at row {bad} is outside the {values.Length}-value dictionary");
        }
        return new DictionaryColumn(type, length, indices, values, validity, nulls);
    }

    /// <summary>First valid row whose index is not in [0, dictionaryLength), or -1.</summary>
    private static int FindBadIndex<T>(ReadOnlySpan<T> indices, int length, ArrowBuffer validity, int dictionaryLength)
        where T : unmanaged, IBinaryInteger<T>
    {
        var limit = (ulong)dictionaryLength;
        var bits = validity.Span;
        for (var i = 0; i < length; i++)
        {
            if (ulong.CreateTruncating(long.CreateTruncating(indices[i])) >= limit && (bits.IsEmpty || Bitmap.Get(bits, i)))
                return i;
        }
        return -1;
    }

    /// <summary>The next buffer as a window into the body; it must lie inside the body and hold <paramref name="minimumBytes"/>.</summary>
    private ArrowBuffer TakeBuffer(Field field, long minimumBytes, string role)
    {
        var at = BufferOffset(_buffer);
        if (_buffer >= _header.Buffers.Length)
            throw _source.Error(_header.BuffersOffset, $"batch has only {_header.Buffers.Length} buffers; {Name(field)} needs its {role} buffer");
        var region = _header.Buffers[_buffer++];
        var bodyLength = _message.BodyLength;
        if (region.Offset < 0 || region.Length < 0 || region.Offset > bodyLength || region.Length > bodyLength - region.Offset)
            throw _source.Error(at, $"{Name(field)}: {role} buffer at {region.Offset} of {region.Length} bytes lies outside the {bodyLength}-byte body (at {_message.BodyOffset})");
        if (region.Length < minimumBytes)
            throw _source.Error(at, $"{Name(field)}: {role} buffer of {region.Length} bytes is too short ({minimumBytes} needed)");
        return region.Length == 0 ? default : new ArrowBuffer(_message.Body!, (int)region.Offset, (int)region.Length);
    }

    private string Name(Field field) => _label ?? $"field '{field.Name}'";

    private long BufferOffset(int index) => _header.BuffersOffset + 16L * index;
}
