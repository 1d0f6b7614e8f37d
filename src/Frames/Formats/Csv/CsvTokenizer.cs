using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FramesNet.Formats.Csv;

/// <summary>Why <see cref="CsvTokenizer.Tokenize"/> returned.</summary>
internal enum CsvTokenizeStop : byte
{
    /// <summary>It found as many rows as asked for.</summary>
    RowLimit,
    /// <summary>The buffer ends inside a row; <see cref="CsvTokenizer.Next"/> is that row's start.</summary>
    NeedData,
    /// <summary>The next row would start at or after the range's end.</summary>
    RangeEnd,
    /// <summary>The data ended (the file's last row was complete or given a line end).</summary>
    EndOfFile,
    /// <summary>A row has the wrong number of fields (or an unterminated quote) and bad rows are not skipped.</summary>
    BadRow,
}

/// <summary>
/// Finds the field boundaries of whole rows in a buffer of UTF-8 CSV, 32 bytes at a time: one SIMD compare per
/// structural byte (delimiter, line feed, quote) gives a bitmask, and each set bit is a boundary unless a quote
/// is open. The result is <see cref="Ends"/>: per row, the position before its first field and the end position
/// of each of its fields, so field <c>c</c> of row <c>r</c> is <c>[Ends[r*S+c]+1, Ends[r*S+c+1])</c> with
/// <c>S = fields + 1</c>. Values are not touched here; column decoders read them column by column.
/// </summary>
/// <remarks>
/// A quote toggles the quoted state wherever it appears (RFC 4180 puts quotes only in quoted fields, doubled
/// inside them, so parity decides); decoders reject quotes in the middle of an unquoted field. A CR right before
/// a line feed is cut from the row's last field. Empty lines are skipped when rows have more than one field
/// (in a one-column file an empty line is a null). The buffer must hold one readable byte before
/// <c>start</c> and 32 after <c>length</c>.
/// </remarks>
internal sealed class CsvTokenizer
{
    private const int Block = 32;
    private readonly byte _delimiter;
    private readonly int _fields;
    private readonly bool _skipBadRows;
    private readonly int[] _ends;

    public CsvTokenizer(byte delimiter, int fields, int maxRows, bool skipBadRows)
    {
        _delimiter = delimiter;
        _fields = fields;
        _skipBadRows = skipBadRows;
        MaxRows = maxRows;
        _ends = new int[maxRows * (fields + 1) + fields + 2 * Block + 2];
    }

    public int MaxRows { get; }

    public int Fields => _fields;

    public int Stride => _fields + 1;

    public int[] Ends => _ends;

    /// <summary>Rows found by the last call.</summary>
    public int Rows { get; private set; }

    /// <summary>Buffer index where the next row starts.</summary>
    public int Next { get; private set; }

    public CsvTokenizeStop Stop { get; private set; }

    /// <summary>Whether the rows found hold a quote (decoders must then look for quoted fields).</summary>
    public bool SawQuote { get; private set; }

    /// <summary>Rows dropped (or, for <see cref="CsvTokenizeStop.BadRow"/>, the row stopped at) with buffer offsets.</summary>
    public List<CsvFault> Faults { get; } = [];

    /// <summary>
    /// Tokenizes up to <paramref name="maxRows"/> whole rows of <c>buffer[start..length)</c>. Rows that start at
    /// or after <paramref name="stopAt"/> are left alone. With <paramref name="endOfData"/> the data ends with
    /// a line feed (the caller adds one to a last row without it).
    /// </summary>
    public void Tokenize(byte[] buffer, int start, int length, bool endOfData, int stopAt, int maxRows)
    {
        if (maxRows > MaxRows)
            throw new ArgumentOutOfRangeException(nameof(maxRows));
        Faults.Clear();
        ref var data = ref MemoryMarshal.GetArrayDataReference(buffer);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(_ends);
        var stride = _fields + 1;
        var delimiter = _delimiter;
        var delimiters = Vector256.Create(delimiter);
        var lineFeeds = Vector256.Create((byte)'\n');
        var quotes = Vector256.Create((byte)'"');

        int k = 0, rowK = 0, rows = 0, extra = 0, quoteOpen = -1;
        var inQuotes = false;
        var sawQuote = false;
        Unsafe.Add(ref ends, k++) = start - 1;

        for (var block = start; block < length; block += Block)
        {
            if (k - rowK > stride)
            {
                // Far too many fields in this row: keep the first ones, count the rest, never overrun Ends.
                extra += k - rowK - stride;
                k = rowK + stride;
            }
            var bytes = Vector256.LoadUnsafe(ref data, (nuint)block);
            var quoteBits = Vector256.Equals(bytes, quotes).ExtractMostSignificantBits();
            var bits = (Vector256.Equals(bytes, delimiters) | Vector256.Equals(bytes, lineFeeds)).ExtractMostSignificantBits() | quoteBits;
            if (length - block < Block)
                bits &= (1u << (length - block)) - 1;
            sawQuote |= quoteBits != 0;

            while (bits != 0)
            {
                var p = block + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var c = Unsafe.Add(ref data, p);
                if (c == delimiter)
                {
                    if (!inQuotes)
                        Unsafe.Add(ref ends, k++) = p;
                    continue;
                }
                if (c == (byte)'"')
                {
                    inQuotes = !inQuotes;
                    if (inQuotes)
                        quoteOpen = p;
                    continue;
                }
                if (inQuotes)
                    continue;

                // A line feed outside quotes ends the row; a CR before it is not part of the last field.
                var end = p;
                if (Unsafe.Add(ref data, p - 1) == (byte)'\r' && p - 1 > Unsafe.Add(ref ends, k - 1))
                    end = p - 1;
                Unsafe.Add(ref ends, k++) = end;
                if (k - rowK == stride)
                {
                    rows++;
                    rowK = k;
                }
                else
                {
                    if (!DropRow(rowK, k, extra, p))
                    {
                        Finish(rows, Unsafe.Add(ref ends, rowK) + 1, CsvTokenizeStop.BadRow, sawQuote);
                        return;
                    }
                    k = rowK;
                    extra = 0;
                }
                Unsafe.Add(ref ends, k++) = p;
                if (rows == maxRows || p + 1 >= stopAt)
                {
                    Finish(rows, p + 1, rows == maxRows && p + 1 < stopAt ? CsvTokenizeStop.RowLimit : CsvTokenizeStop.RangeEnd, sawQuote);
                    return;
                }
            }
        }

        var rowStart = Unsafe.Add(ref ends, rowK) + 1;
        if (!endOfData)
        {
            Finish(rows, rowStart, CsvTokenizeStop.NeedData, sawQuote);
            return;
        }
        if (inQuotes)
        {
            // The data ends inside quotes: the row is lost; say where its quote opened.
            Faults.Add(new CsvFault(quoteOpen, k - rowK - 1 + extra,
                "unterminated quoted field: the quote opened here is not closed before the end of the file"));
            Finish(rows, _skipBadRows ? length : rowStart, _skipBadRows ? CsvTokenizeStop.EndOfFile : CsvTokenizeStop.BadRow, sawQuote);
            return;
        }
        Finish(rows, length, CsvTokenizeStop.EndOfFile, sawQuote);
    }

    private void Finish(int rows, int next, CsvTokenizeStop stop, bool sawQuote)
    {
        Rows = rows;
        Next = next;
        Stop = stop;
        SawQuote = sawQuote;
    }

    /// <summary>A row ended with the wrong field count: true to drop it (an empty line, or a skipped bad row).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool DropRow(int rowK, int k, int extra, int lineFeed)
    {
        var found = k - rowK - 1 + extra;
        var rowStart = _ends[rowK] + 1;
        if (found == 1 && _ends[rowK + 1] == rowStart)
            return true; // an empty line (only reached when rows have several fields)
        var problem = $"expected {_fields} fields, found {found}";
        Faults.Add(found > _fields
            ? new CsvFault(_ends[rowK + _fields] + 1, _fields, problem)
            : new CsvFault(lineFeed, found, problem));
        return _skipBadRows;
    }
}
