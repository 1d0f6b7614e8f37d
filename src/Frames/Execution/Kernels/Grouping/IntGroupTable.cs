using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// The fast path for one integer-like key (ints, uints, date32, timestamp): keys live in the slots as int64, so a
/// row costs one mix and usually one probe, with no separate hash pass and no key comparison pass.
/// The null key gets a group of its own.
/// </summary>
internal sealed class IntGroupTable : IGroupIndex
{
    private readonly GrowableColumn _keys;
    private long[] _slotKeys = new long[64];
    private int[] _slotGroups = new int[64];   // group + 1; 0 = empty
    private int _nullGroup = -1;
    private readonly int[] _one = new int[1];

    public IntGroupTable(DataType keyType) => _keys = GrowableColumn.Create(keyType);

    public static bool Supports(DataType type) => type.IsInteger || type.IsTemporal;

    public int Count { get; private set; }

    public int Insert(IReadOnlyList<Column> keys, Span<int> groupIds) => keys[0] switch
    {
        PrimitiveColumn<sbyte> c => Insert(c, groupIds),
        PrimitiveColumn<short> c => Insert(c, groupIds),
        PrimitiveColumn<int> c => Insert(c, groupIds),
        PrimitiveColumn<long> c => Insert(c, groupIds),
        PrimitiveColumn<byte> c => Insert(c, groupIds),
        PrimitiveColumn<ushort> c => Insert(c, groupIds),
        PrimitiveColumn<uint> c => Insert(c, groupIds),
        PrimitiveColumn<ulong> c => Insert(c, groupIds),
        var other => throw new ArgumentException($"an integer group table got a {other.Type} key"),
    };

    private int Insert<T>(PrimitiveColumn<T> column, Span<int> groupIds) where T : unmanaged
    {
        var before = Count;
        var values = column.Values;
        var validity = new ValidityReader(column);
        var mask = _slotKeys.Length - 1;
        for (var i = 0; i < values.Length; i++)
        {
            if (!validity.IsValid(i))
            {
                if (_nullGroup < 0)
                    _nullGroup = Open(column, i);
                groupIds[i] = _nullGroup;
                continue;
            }
            var key = (long)RowHasher.Bits(values[i]);
            var position = (int)HashMix.Mix((ulong)key) & mask;
            while (true)
            {
                var group = _slotGroups[position];
                if (group == 0)
                {
                    group = Open(column, i);
                    _slotKeys[position] = key;
                    _slotGroups[position] = group + 1;
                    groupIds[i] = group;
                    if (Count * 2 > _slotKeys.Length)
                    {
                        Rehash();
                        mask = _slotKeys.Length - 1;
                    }
                    break;
                }
                if (_slotKeys[position] == key)
                {
                    groupIds[i] = group - 1;
                    break;
                }
                position = (position + 1) & mask;
            }
        }
        return Count - before;
    }

    private int Open(Column column, int row)
    {
        _one[0] = row;
        _keys.Append(column, _one);
        return Count++;
    }

    private void Rehash()
    {
        var keys = new long[_slotKeys.Length * 2];
        var groups = new int[keys.Length];
        var mask = keys.Length - 1;
        for (var s = 0; s < _slotKeys.Length; s++)
        {
            if (_slotGroups[s] == 0)
                continue;
            var position = (int)HashMix.Mix((ulong)_slotKeys[s]) & mask;
            while (groups[position] != 0)
                position = (position + 1) & mask;
            keys[position] = _slotKeys[s];
            groups[position] = _slotGroups[s];
        }
        _slotKeys = keys;
        _slotGroups = groups;
    }

    public Column[] Keys(int start, int count) => [_keys.View().Slice(start, count)];
}
