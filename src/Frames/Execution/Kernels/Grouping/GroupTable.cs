using System.Buffers;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Maps key rows to dense group ids 0, 1, 2, … in order of first appearance: an open-addressing table of
/// (hash tag, group id) slots over the row hashes, with each group's key kept in a <see cref="GrowableColumn"/>.
/// Null keys form a group of their own; -0.0 groups with 0.0 and all NaNs group together.
/// </summary>
/// <remarks>
/// One batch is inserted in three bulk passes: probe every row to the first group with an equal hash tag (the
/// high 32 bits; or open a new group), append the new groups' keys, then compare every row with its group's
/// stored key column by column. Rows whose tag matched a different key (a collision) are redone one at a time
/// with full hash and key comparison, so correctness never rests on the hash.
/// </remarks>
internal sealed class GroupTable : IGroupIndex
{
    private readonly GrowableColumn[] _keys;
    private readonly ulong _hashMask;
    private ulong[] _slots = new ulong[64];   // (hash >> 32) << 32 | (group + 1); 0 = empty
    private ulong[] _groupHashes = new ulong[32];
    private int[] _identity = [];

    /// <param name="hashMask">Tests narrow the hashes with this to force collisions.</param>
    public GroupTable(IReadOnlyList<DataType> keyTypes, ulong hashMask = ulong.MaxValue)
    {
        _keys = keyTypes.Select(GrowableColumn.Create).ToArray();
        _hashMask = hashMask;
    }

    public int Count { get; private set; }

    /// <summary>The key types as stored (dictionary keys are stored decoded).</summary>
    public IReadOnlyList<DataType> StoredTypes => _keys.Select(k => k.Type).ToArray();

    /// <summary>
    /// Writes the group id of every row of <paramref name="keys"/> into <paramref name="groupIds"/>. Returns how
    /// many new groups the batch opened (they are the last ones: ids Count - returned .. Count - 1).
    /// </summary>
    public int Insert(IReadOnlyList<Column> keys, Span<int> groupIds)
    {
        var length = groupIds.Length;
        var columns = new Column[keys.Count];
        for (var k = 0; k < columns.Length; k++)
            columns[k] = keys[k] is DictionaryColumn d ? ColumnKernels.Decode(d) : keys[k];
        var hashes = ArrayPool<ulong>.Shared.Rent(length);
        var newRows = ArrayPool<int>.Shared.Rent(length);
        var unequal = ArrayPool<bool>.Shared.Rent(length);
        try
        {
            RowHasher.Hash(columns, hashes.AsSpan(0, length));
            if (_hashMask != ulong.MaxValue)
                for (var i = 0; i < length; i++)
                    hashes[i] &= _hashMask;
            var before = Count;
            var opened = Probe(hashes.AsSpan(0, length), groupIds, newRows);
            for (var k = 0; k < _keys.Length; k++)
                _keys[k].Append(columns[k], newRows.AsSpan(0, opened));
            var rows = Identity(length).AsSpan(0, length);
            unequal.AsSpan(0, length).Clear();
            for (var k = 0; k < _keys.Length; k++)
                KeyComparer.MarkUnequal(columns[k], rows, _keys[k].View(), groupIds, unequal.AsSpan(0, length));
            for (var i = 0; i < length; i++)
                if (unequal[i])
                    groupIds[i] = InsertOne(columns, i, hashes[i]);
            return Count - before;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(hashes);
            ArrayPool<int>.Shared.Return(newRows);
            ArrayPool<bool>.Shared.Return(unequal);
        }
    }

    /// <summary>Pass one: each row to the first group with its hash tag, or a new group. Returns the number of new groups.</summary>
    private int Probe(ReadOnlySpan<ulong> hashes, Span<int> groupIds, int[] newRows)
    {
        var opened = 0;
        var slots = _slots;
        var mask = slots.Length - 1;
        for (var i = 0; i < hashes.Length; i++)
        {
            // The table outgrows the caches: ask for the slot a few rows ahead now, so its miss overlaps this row's work.
            if (i + CachePrefetch.Distance < hashes.Length)
                CachePrefetch.Element<ulong>(slots, (int)hashes[i + CachePrefetch.Distance] & mask);
            var hash = hashes[i];
            var tag = hash & 0xFFFFFFFF00000000;
            var position = (int)hash & mask;
            while (true)
            {
                var slot = slots[position];
                if (slot == 0)
                {
                    var group = Count;
                    AddGroup(hash, position);
                    newRows[opened++] = i;
                    groupIds[i] = group;
                    if (_slots != slots)
                    {
                        slots = _slots;
                        mask = slots.Length - 1;
                    }
                    break;
                }
                // The tag (high 32 bits) alone decides here: looking up the group's full hash would cost a cache
                // miss per row, and a tag that matches a different key is caught by the key comparison anyway.
                if ((slot & 0xFFFFFFFF00000000) == tag)
                {
                    groupIds[i] = (int)(uint)slot - 1;
                    break;
                }
                position = (position + 1) & mask;
            }
        }
        return opened;
    }

    private void AddGroup(ulong hash, int position)
    {
        var group = Count++;
        if (group == _groupHashes.Length)
            Array.Resize(ref _groupHashes, group * 2);
        _groupHashes[group] = hash;
        _slots[position] = (hash & 0xFFFFFFFF00000000) | (uint)(group + 1);
        if (Count * 2 > _slots.Length)
            Rehash(_slots.Length * 2);
    }

    private void Rehash(int capacity)
    {
        var slots = new ulong[capacity];
        var mask = capacity - 1;
        for (var group = 0; group < Count; group++)
        {
            var hash = _groupHashes[group];
            var position = (int)hash & mask;
            while (slots[position] != 0)
                position = (position + 1) & mask;
            slots[position] = (hash & 0xFFFFFFFF00000000) | (uint)(group + 1);
        }
        _slots = slots;
    }

    /// <summary>The collision path: one row, comparing full keys against every group with the same hash.</summary>
    private int InsertOne(Column[] columns, int row, ulong hash)
    {
        var views = _keys.Select(k => k.View()).ToArray();
        var mask = _slots.Length - 1;
        var position = (int)hash & mask;
        while (true)
        {
            var slot = _slots[position];
            if (slot == 0)
                break;
            var group = (int)(uint)slot - 1;
            if (_groupHashes[group] == hash && KeyComparer.RowEqual(columns, row, views, group))
                return group;
            position = (position + 1) & mask;
        }
        var created = Count;
        AddGroup(hash, position);
        for (var k = 0; k < _keys.Length; k++)
            _keys[k].Append(columns[k], [row]);
        return created;
    }

    private int[] Identity(int length)
    {
        if (_identity.Length < length)
        {
            _identity = new int[Math.Max(length, 1024)];
            for (var i = 0; i < _identity.Length; i++)
                _identity[i] = i;
        }
        return _identity;
    }

    /// <summary>The keys of groups [start, start + count) as columns (views: valid until the next insert).</summary>
    public Column[] Keys(int start, int count)
    {
        var keys = new Column[_keys.Length];
        for (var k = 0; k < keys.Length; k++)
            keys[k] = _keys[k].View().Slice(start, count);
        return keys;
    }
}
