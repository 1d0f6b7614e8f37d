using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Cuts a file into byte ranges that each start at a row. A guess puts each cut after the first line feed at
/// or after a multiple of the target size; it is exact unless that line feed is inside a quoted field, which
/// only a file with quotes can have. <see cref="Exact"/> checks: a file without a quote keeps the guess, one
/// with quotes is cut by a quote-parity scan from its first quoted range on.
/// </summary>
internal static class CsvRangeSplitter
{
    private const int ReadBytes = 1 << 20;

    /// <summary>Guessed ranges: exact for files without quoted line feeds.</summary>
    public static List<CsvFileRange> Guess(SafeFileHandle handle, string path, long fileLength, long dataStart, long target)
    {
        var ranges = new List<CsvFileRange>();
        var start = 0L;
        var nominal = dataStart + target;
        while (nominal < fileLength)
        {
            var boundary = NextLineStart(handle, nominal, fileLength);
            ranges.Add(new CsvFileRange(path, start, boundary, start == 0));
            start = boundary;
            nominal = boundary + target;
        }
        if (start < fileLength || ranges.Count == 0)
            ranges.Add(new CsvFileRange(path, start, fileLength, start == 0));
        return ranges;
    }

    /// <summary>Ranges that each start exactly at a row (quote-aware).</summary>
    public static List<CsvFileRange> Exact(string path, long target, CsvReadOptions options)
    {
        using var handle = CsvFiles.Open(path);
        var fileLength = RandomAccess.GetLength(handle);
        var dataStart = CsvHeader.Read(handle, path, options).DataStart;
        var ranges = Guess(handle, path, fileLength, dataStart, target);
        if (ranges.Count == 1)
            return ranges;

        var quotes = new long[ranges.Count];
        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism },
            i => quotes[i] = CountQuotes(handle, Math.Max(ranges[i].Start, dataStart), ranges[i].End));
        var firstQuoted = Array.FindIndex(quotes, q => q > 0);
        if (firstQuoted < 0)
            return ranges;
        // Everything before the first quoted range has no quote, so its cuts stand; re-cut the rest by parity.
        var exact = ranges.Take(firstQuoted).ToList();
        exact.AddRange(CutByParity(handle, path, ranges[firstQuoted].Start, fileLength, target));
        return exact;
    }

    /// <summary>The start of the row after the first line feed at or after <paramref name="offset"/> - 1.</summary>
    private static long NextLineStart(SafeFileHandle handle, long offset, long fileLength)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (var at = offset - 1; at < fileLength;)
            {
                var read = RandomAccess.Read(handle, buffer, at);
                if (read == 0)
                    break;
                var lineFeed = buffer.AsSpan(0, read).IndexOf((byte)'\n');
                if (lineFeed >= 0)
                    return at + lineFeed + 1;
                at += read;
            }
            return fileLength;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long CountQuotes(SafeFileHandle handle, long from, long to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
        try
        {
            long count = 0;
            while (from < to)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(ReadBytes, to - from)), from);
                if (read == 0)
                    break;
                count += buffer.AsSpan(0, read).Count((byte)'"');
                from += read;
            }
            return count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Cuts [start, end) after line feeds that are outside quotes, counting quote parity from <paramref name="start"/> (a row start).</summary>
    private static List<CsvFileRange> CutByParity(SafeFileHandle handle, string path, long start, long fileLength, long target)
    {
        var ranges = new List<CsvFileRange>();
        var buffer = ArrayPool<byte>.Shared.Rent(ReadBytes);
        try
        {
            var rangeStart = start;
            var nominal = start + target;
            var inQuotes = false;
            for (var at = start; at < fileLength && nominal < fileLength;)
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(ReadBytes, fileLength - at)), at);
                if (read == 0)
                    break;
                var span = buffer.AsSpan(0, read);
                for (var i = 0; i < span.Length;)
                {
                    var next = span[i..].IndexOfAny((byte)'"', (byte)'\n');
                    if (next < 0)
                        break;
                    i += next;
                    if (span[i] == (byte)'"')
                        inQuotes = !inQuotes;
                    else if (!inQuotes && at + i + 1 >= nominal)
                    {
                        var boundary = at + i + 1;
                        ranges.Add(new CsvFileRange(path, rangeStart, boundary, rangeStart == 0));
                        rangeStart = boundary;
                        nominal = boundary + target;
                    }
                    i++;
                }
                at += read;
            }
            if (rangeStart < fileLength)
                ranges.Add(new CsvFileRange(path, rangeStart, fileLength, rangeStart == 0));
            return ranges;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
