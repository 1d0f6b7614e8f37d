using System.Buffers;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Turns byte offsets of a file into physical line numbers, counting line feeds from the nearest offset already
/// resolved. Parallel ranges do not know their first line, so lines are only counted when an error needs one.
/// </summary>
internal sealed class CsvLineLocator(string path)
{
    private readonly Lock _gate = new();
    private readonly List<(long Offset, long LineFeeds)> _marks = [(0, 0)];

    /// <summary>The 1-based line holding byte <paramref name="offset"/>.</summary>
    public long LineAt(long offset)
    {
        lock (_gate)
        {
            var index = _marks.BinarySearch((offset, long.MaxValue), MarkComparer.Instance);
            if (index < 0)
                index = ~index;
            var (from, lineFeeds) = _marks[index - 1];
            lineFeeds += CountLineFeeds(from, offset);
            _marks.Insert(index, (offset, lineFeeds));
            return lineFeeds + 1;
        }
    }

    private long CountLineFeeds(long from, long to)
    {
        if (to <= from)
            return 0;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var handle = File.OpenHandle(path);
            long count = 0;
            while (from < to)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - from)), from);
                if (read == 0)
                    break;
                count += buffer.AsSpan(0, read).Count((byte)'\n');
                from += read;
            }
            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class MarkComparer : IComparer<(long Offset, long LineFeeds)>
    {
        public static readonly MarkComparer Instance = new();

        public int Compare((long Offset, long LineFeeds) x, (long Offset, long LineFeeds) y)
        {
            var byOffset = x.Offset.CompareTo(y.Offset);
            return byOffset != 0 ? byOffset : x.LineFeeds.CompareTo(y.LineFeeds);
        }
    }
}
