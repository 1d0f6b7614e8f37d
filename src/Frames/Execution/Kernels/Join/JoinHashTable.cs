using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// The build side's hash table: bucket heads over the row hashes and a next-row chain per row (no per-row
/// objects). Rows with a null key are left out, since they never match. Chains list rows in ascending order.
/// </summary>
internal sealed class JoinHashTable
{
    private readonly int[] _heads;     // bucket → first row + 1 (0 = none)
    private readonly int[] _next;      // row → next row + 1 in the same bucket
    private readonly ulong[] _hashes;
    private readonly int _mask;

    public JoinHashTable(IReadOnlyList<Column> keys, int rows)
    {
        _hashes = new ulong[rows];
        RowHasher.Hash(keys, _hashes);
        var buckets = 16;
        while (buckets < rows * 2L && buckets < 1 << 30)
            buckets <<= 1;
        _heads = new int[buckets];
        _next = new int[rows];
        _mask = buckets - 1;
        var validity = keys.Select(k => k.NullCount > 0 ? k : null).Where(k => k is not null).ToArray();
        for (var row = rows - 1; row >= 0; row--)
        {
            if (HasNull(validity!, row))
                continue;
            var bucket = (int)_hashes[row] & _mask;
            _next[row] = _heads[bucket];
            _heads[bucket] = row + 1;
        }
    }

    private static bool HasNull(Column[] nullable, int row)
    {
        foreach (var column in nullable)
            if (!column.IsValid(row))
                return true;
        return false;
    }

    /// <summary>The first row in <paramref name="hash"/>'s bucket with that exact hash, or -1.</summary>
    public int First(ulong hash) => Continue(_heads[(int)hash & _mask] - 1, hash);

    /// <summary>The next row after <paramref name="row"/> with the same hash, or -1.</summary>
    public int Next(int row, ulong hash) => Continue(_next[row] - 1, hash);

    private int Continue(int row, ulong hash)
    {
        while (row >= 0 && _hashes[row] != hash)
            row = _next[row] - 1;
        return row;
    }
}
