using System.Buffers.Binary;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// count_distinct: a set of (group id, value) pairs in a <see cref="GroupTable"/>; a group's count rises when one
/// of its pairs is new. State: <c>name$values</c> binary, one value per group holding the group's distinct
/// non-null values back to back — fixed-width values little-endian, bool as one byte, utf8/binary as an int32
/// length and the bytes — so the state stays one flat row per group and merging re-inserts the values.
/// </summary>
internal sealed class CountDistinctAccumulator : Accumulator
{
    private readonly DataType _valueType;
    private readonly GroupTable _pairs;
    private long[] _counts = [];

    public CountDistinctAccumulator(string name, DataType valueType) : base(name)
    {
        _valueType = valueType.Id == TypeId.Dictionary ? valueType.ValueType! : valueType;
        _pairs = new GroupTable([DataType.Int32, _valueType]);
    }

    public override IReadOnlyList<Field> StateFields => [new Field(Name + "$values", DataType.Binary, nullable: false)];

    public override DataType ResultType => DataType.Int64;

    public override void Resize(int groups)
    {
        if (groups > _counts.Length)
            Array.Resize(ref _counts, Capacity(_counts.Length, groups));
    }

    public override void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase)
    {
        var values = input is DictionaryColumn d ? ColumnKernels.Decode(d) : input!;
        var groups = groupIds.ToArray();
        if (values.NullCount > 0)
        {
            var validity = new ValidityReader(values);
            var rows = new List<int>(groups.Length);
            for (var i = 0; i < groups.Length; i++)
                if (validity.IsValid(i))
                    rows.Add(i);
            values = ColumnKernels.TakeValid(values, rows.ToArray());
            groups = rows.Select(i => groups[i]).ToArray();
        }
        Insert(groups, values);
    }

    private void Insert(int[] groups, Column values)
    {
        if (groups.Length == 0)
            return;
        var groupColumn = PrimitiveColumn<int>.From(DataType.Int32, groups);
        var opened = _pairs.Insert([groupColumn, values], new int[groups.Length]);
        var owners = ((PrimitiveColumn<int>)_pairs.Keys(_pairs.Count - opened, opened)[0]).Values;
        foreach (var group in owners)
            _counts[group]++;
    }

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds)
    {
        var blobs = (BinaryColumn)state[0];
        var groups = new List<int>();
        var raw = new List<byte>();
        var strings = _valueType.ByteWidth == 0 && _valueType.Id != TypeId.Bool ? new BinaryColumnBuilder(_valueType) : null;
        var width = _valueType.Id == TypeId.Bool ? 1 : _valueType.ByteWidth;
        for (var r = 0; r < groupIds.Length; r++)
        {
            var blob = blobs.GetBytes(r);
            while (blob.Length > 0)
            {
                if (strings is not null)
                {
                    var length = BinaryPrimitives.ReadInt32LittleEndian(blob);
                    strings.Append(blob.Slice(4, length));
                    blob = blob[(4 + length)..];
                }
                else
                {
                    raw.AddRange(blob[..width]);
                    blob = blob[width..];
                }
                groups.Add(groupIds[r]);
            }
        }
        Insert(groups.ToArray(), strings is not null ? strings.Build() : FromRaw(raw.ToArray(), groups.Count));
    }

    private Column FromRaw(byte[] raw, int count)
    {
        var buffer = new ArrowBuffer(BufferOwner.Wrap(raw), 0, raw.Length);
        return _valueType.Id switch
        {
            TypeId.Bool => BooleanColumn.From(raw.Select(b => b != 0).ToArray()),
            TypeId.Int8 => new PrimitiveColumn<sbyte>(_valueType, count, buffer),
            TypeId.Int16 => new PrimitiveColumn<short>(_valueType, count, buffer),
            TypeId.Int32 or TypeId.Date32 => new PrimitiveColumn<int>(_valueType, count, buffer),
            TypeId.Int64 or TypeId.Timestamp => new PrimitiveColumn<long>(_valueType, count, buffer),
            TypeId.UInt8 => new PrimitiveColumn<byte>(_valueType, count, buffer),
            TypeId.UInt16 => new PrimitiveColumn<ushort>(_valueType, count, buffer),
            TypeId.UInt32 => new PrimitiveColumn<uint>(_valueType, count, buffer),
            TypeId.UInt64 => new PrimitiveColumn<ulong>(_valueType, count, buffer),
            TypeId.Float32 => new PrimitiveColumn<float>(_valueType, count, buffer),
            TypeId.Float64 => new PrimitiveColumn<double>(_valueType, count, buffer),
            _ => throw new NotSupportedException($"count_distinct over {_valueType}"),
        };
    }

    public override Column[] State(int groups)
    {
        // Bucket the pairs by group (counting sort), then write each group's values as one blob.
        var keys = _pairs.Keys(0, _pairs.Count);
        var owners = ((PrimitiveColumn<int>)keys[0]).Values;
        var values = keys[1];
        var starts = new int[groups + 1];
        foreach (var group in owners)
            starts[group + 1]++;
        for (var g = 0; g < groups; g++)
            starts[g + 1] += starts[g];
        var order = new int[owners.Length];
        var next = starts.ToArray();
        for (var p = 0; p < owners.Length; p++)
            order[next[owners[p]]++] = p;
        var builder = new BinaryColumnBuilder(DataType.Binary, groups);
        var blob = new List<byte>();
        for (var g = 0; g < groups; g++)
        {
            blob.Clear();
            for (var k = starts[g]; k < starts[g + 1]; k++)
                Encode(values, order[k], blob);
            builder.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(blob));
        }
        return [builder.Build()];
    }

    private static void Encode(Column values, int row, List<byte> blob)
    {
        Span<byte> scratch = stackalloc byte[8];
        switch (values)
        {
            case BooleanColumn b: blob.Add(b[row] ? (byte)1 : (byte)0); break;
            case BinaryColumn s:
                var bytes = s.GetBytes(row);
                BinaryPrimitives.WriteInt32LittleEndian(scratch, bytes.Length);
                blob.AddRange(scratch[..4]);
                blob.AddRange(bytes);
                break;
            default:
                var width = values.Type.ByteWidth;
                blob.AddRange(values.Buffers[1].Span.Slice((values.Offset + row) * width, width));
                break;
        }
    }

    public override Column Result(int groups) => PrimitiveColumn<long>.From(DataType.Int64, _counts.AsSpan(0, groups));
}
