using System.Text;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>How a plan's result is compared, from what its top says about order and which rows.</summary>
internal enum CheckMode
{
    /// <summary>Same rows, any order.</summary>
    Multiset,

    /// <summary>A sort on top: same rows, and the sort keys of Frames' rows in DuckDB's order (ties may come in any order).</summary>
    Ordered,

    /// <summary>A head over a sort: the keys of the first n rows as DuckDB sorts them, and each row one of the sorted rows (which tied rows is free).</summary>
    TopK,

    /// <summary>A head without a sort: min(n, all) rows, each one of the input's rows.</summary>
    Prefix,
}

/// <summary>Compares Frames' rows with DuckDB's under a <see cref="CheckMode"/>; null when they agree, else a description of the difference.</summary>
internal static class ResultCheck
{
    public static string? Compare(CheckMode mode, ResultRows frames, ResultRows duck, IReadOnlyList<bool> exact, IReadOnlyList<int> keys, long limit)
    {
        var comparer = new RowComparer(exact);
        switch (mode)
        {
            case CheckMode.Multiset:
                return SameRows(frames, duck, comparer);
            case CheckMode.Ordered:
                return SameRows(frames, duck, comparer) ?? SameKeys(frames, duck, keys, frames.Rows.Count);
            case CheckMode.TopK:
            {
                var expected = (int)Math.Min(limit, duck.Rows.Count);
                if (frames.Rows.Count != expected)
                    return $"head({limit}) over {duck.Rows.Count} sorted rows: expected {expected} rows, Frames gave {frames.Rows.Count}\n{Listing(frames, duck)}";
                return SameKeys(frames, duck, keys, expected) ?? Included(frames, duck, comparer);
            }
            default:
            {
                var expected = (int)Math.Min(limit, duck.Rows.Count);
                if (frames.Rows.Count != expected)
                    return $"head({limit}) of {duck.Rows.Count} rows: expected {expected} rows, Frames gave {frames.Rows.Count}\n{Listing(frames, duck)}";
                return Included(frames, duck, comparer);
            }
        }
    }

    private static string? SameRows(ResultRows frames, ResultRows duck, RowComparer comparer)
    {
        var f = frames.Rows.Order(comparer).ToList();
        var d = duck.Rows.Order(comparer).ToList();
        if (f.Count == d.Count && f.Zip(d).All(p => comparer.RowEquals(p.First, p.Second)))
            return null;
        var (onlyFrames, onlyDuck) = Difference(f, d, comparer);
        return $"Frames gave {f.Count} rows, DuckDB {d.Count}\n" +
               $"only in Frames ({onlyFrames.Count}):\n{Rows(onlyFrames, frames)}only in DuckDB ({onlyDuck.Count}):\n{Rows(onlyDuck, duck)}";
    }

    private static string? SameKeys(ResultRows frames, ResultRows duck, IReadOnlyList<int> keys, int count)
    {
        for (var r = 0; r < count; r++)
        {
            foreach (var k in keys)
            {
                if (!RowComparer.ValueEquals(frames.Rows[r][k], duck.Rows[r][k], exact: true))
                    return $"order differs at row {r} (sort key column {k}): Frames {ResultRows.Format(frames.Rows[r], frames.Types)}, DuckDB {ResultRows.Format(duck.Rows[r], duck.Types)}\n{Listing(frames, duck)}";
            }
        }
        return null;
    }

    private static string? Included(ResultRows frames, ResultRows duck, RowComparer comparer)
    {
        var (extra, _) = Difference(frames.Rows.Order(comparer).ToList(), duck.Rows.Order(comparer).ToList(), comparer);
        return extra.Count == 0 ? null : $"Frames gave rows that are not in the input of the head:\n{Rows(extra, frames)}{Listing(frames, duck)}";
    }

    /// <summary>Rows of each sorted list with no equal partner in the other (a merge walk).</summary>
    private static (List<object?[]> OnlyLeft, List<object?[]> OnlyRight) Difference(List<object?[]> left, List<object?[]> right, RowComparer comparer)
    {
        var onlyLeft = new List<object?[]>();
        var unmatched = right.ToList();
        foreach (var row in left)
        {
            var match = unmatched.FindIndex(r => comparer.RowEquals(row, r));
            if (match < 0)
                onlyLeft.Add(row);
            else
                unmatched.RemoveAt(match);
        }
        return (onlyLeft, unmatched);
    }

    private static string Rows(IReadOnlyList<object?[]> rows, ResultRows of)
    {
        var text = new StringBuilder();
        foreach (var row in rows.Take(12))
            text.Append("  ").Append(ResultRows.Format(row, of.Types)).Append('\n');
        if (rows.Count > 12)
            text.Append($"  … {rows.Count - 12} more\n");
        return text.ToString();
    }

    private static string Listing(ResultRows frames, ResultRows duck) =>
        $"Frames rows in order:\n{Rows(frames.Rows, frames)}DuckDB rows in order:\n{Rows(duck.Rows, duck)}";
}
