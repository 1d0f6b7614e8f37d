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
    /// <summary>It stopped before a row to drop or report; call again from <see cref="CsvTokenizer.Next"/>.</summary>
    Interrupted,
    /// <summary>The buffer ends inside a row; <see cref="CsvTokenizer.Next"/> is that row's start.</summary>
    NeedData,
    /// <summary>The next row would start at or after the range's end.</summary>
    RangeEnd,
    /// <summary>The data ended (the file's last row was complete or given a line end).</summary>
    EndOfFile,
    /// <summary>The first row has the wrong number of fields (or an unterminated quote) and bad rows are not skipped.</summary>
    BadRow,
}

/// <summary>
/// Finds the field boundaries of whole rows in a buffer of UTF-8 CSV, 64 bytes at a time. SIMD compares give
/// bitmasks of delimiters, line feeds and quotes; a prefix XOR of the quote bits removes the separators inside
/// quotes; every remaining separator position is written out branch-free, and only line feeds are checked (each
/// must fall where a row of <see cref="Fields"/> fields ends). Rows of the wrong length go bit by bit.
/// </summary>
/// <remarks>
/// The result is <see cref="Ends"/>: the position before the first row, then every separator in order, so field
/// <c>c</c> of row <c>r</c> is <c>[Ends[r*N+c]+1, Ends[r*N+c+1])</c> with <c>N = Fields</c> (a row's line feed is
/// also the position before the next row). A CR before a line feed is still in the last field: see
/// <see cref="SawCarriageReturn"/>. A quote toggles the quoted state wherever it appears (RFC 4180 puts quotes only
/// in quoted fields, doubled inside them, so parity decides); decoders reject quotes inside unquoted fields.
/// Empty lines are skipped when rows have more than one field (in a one-column file an empty line is a null).
/// The buffer must hold one readable byte before <c>start</c> and 64 after <c>length</c>. Uses 256-bit vectors where
/// the hardware has them (AVX2), else 128-bit ones.
/// </remarks>
internal sealed class CsvTokenizer
{
    private const int Block = 64;
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
        // Room for the rows, one row's worth of extra separators, and one block written past them.
        _ends = new int[(maxRows + 1) * fields + 2 * Block + 2];
    }

    public int MaxRows { get; }

    public int Fields => _fields;

    public int[] Ends => _ends;

    /// <summary>Rows found by the last call.</summary>
    public int Rows { get; private set; }

    /// <summary>Buffer index where the next row starts.</summary>
    public int Next { get; private set; }

    public CsvTokenizeStop Stop { get; private set; }

    /// <summary>Whether the rows found hold a quote (decoders must then look for quoted fields).</summary>
    public bool SawQuote { get; private set; }

    /// <summary>Whether some row ends with CR LF: the last field's CR must then be cut.</summary>
    public bool SawCarriageReturn { get; private set; }

    /// <summary>Rows dropped (or, for <see cref="CsvTokenizeStop.BadRow"/>, the row stopped at) with buffer offsets.</summary>
    public List<CsvFault> Faults { get; } = [];

    /// <summary>
    /// Tokenizes up to <paramref name="maxRows"/> whole rows of <c>buffer[start..length)</c>. Rows that start at
    /// or after <paramref name="stopAt"/> are left alone. With <paramref name="endOfData"/> the data ends with
    /// a line feed (the caller adds one to a last row without it).
    /// </summary>
    // Fully optimised from the first call: a short-lived process should not parse its first ranges with tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Tokenize(byte[] buffer, int start, int length, bool endOfData, int stopAt, int maxRows)
    {
        if (maxRows > MaxRows || maxRows < 1)
            throw new ArgumentOutOfRangeException(nameof(maxRows));
        Faults.Clear();
        ref var data = ref MemoryMarshal.GetArrayDataReference(buffer);
        ref var ends = ref MemoryMarshal.GetArrayDataReference(_ends);
        var fields = _fields;
        var delimiter = _delimiter;

        // k: next free slot; expected: the slot the current row's line feed must take.
        int k = 1, expected = fields, rows = 0, extra = 0;
        var inQuotes = false;
        var sawQuote = false;
        var sawCarriageReturn = false;
        ends = start - 1;

        for (var block = start; block < length; block += Block)
        {
            Classify(ref Unsafe.Add(ref data, block), delimiter, out var lineFeedBits, out var quoteBits, out var separatorBits);
            if (length - block < Block)
            {
                var keep = (1UL << (length - block)) - 1;
                lineFeedBits &= keep;
                quoteBits &= keep;
                separatorBits &= keep;
            }
            sawQuote |= quoteBits != 0;

            if (extra == 0 && k <= expected)
            {
                // Separators inside quotes do not count: the prefix XOR of the quote bits marks every byte after
                // an odd number of quotes (the block's first bytes continue the previous block's state).
                var quoted = 0UL;
                if (quoteBits != 0 || inQuotes)
                {
                    quoted = PrefixXor(quoteBits) ^ (inQuotes ? ulong.MaxValue : 0);
                    separatorBits &= ~quoted;
                    lineFeedBits &= ~quoted;
                }
                // Write every separator, then check that each line feed landed where its row must end.
                var count = BitOperations.PopCount(separatorBits);
                Flatten(ref Unsafe.Add(ref ends, k), block, separatorBits, count);
                var lineFeedsLeft = lineFeedBits;
                while (lineFeedsLeft != 0)
                {
                    var bit = BitOperations.TrailingZeroCount(lineFeedsLeft);
                    lineFeedsLeft &= lineFeedsLeft - 1;
                    if (k + BitOperations.PopCount(separatorBits & ((1UL << bit) - 1)) != expected)
                    {
                        if (rows > 0)
                        {
                            Finish(rows, Unsafe.Add(ref ends, expected - fields) + 1, CsvTokenizeStop.Interrupted, sawQuote, sawCarriageReturn);
                            return;
                        }
                        goto Careful; // the first row is bad: redo this block bit by bit
                    }
                    var p = block + bit;
                    sawCarriageReturn |= Unsafe.Add(ref data, p - 1) == (byte)'\r';
                    rows++;
                    expected += fields;
                    if (rows == maxRows || p + 1 >= stopAt)
                    {
                        Finish(rows, p + 1, p + 1 >= stopAt ? CsvTokenizeStop.RangeEnd : CsvTokenizeStop.RowLimit, sawQuote, sawCarriageReturn);
                        return;
                    }
                }
                k += count;
                inQuotes = (long)quoted < 0;
                continue;
            }

        Careful:
            var bits = separatorBits | quoteBits;
            while (bits != 0)
            {
                var p = block + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var c = Unsafe.Add(ref data, p);
                if (c == (byte)'"')
                {
                    inQuotes = !inQuotes;
                    continue;
                }
                if (inQuotes)
                    continue;
                if (c == delimiter)
                {
                    if (k <= expected)
                        Unsafe.Add(ref ends, k++) = p;
                    else
                        extra++;
                    continue;
                }
                if (k != expected || extra != 0)
                {
                    if (rows > 0)
                    {
                        Finish(rows, Unsafe.Add(ref ends, expected - fields) + 1, CsvTokenizeStop.Interrupted, sawQuote, sawCarriageReturn);
                        return;
                    }
                    if (!DropFirstRow(buffer, k, extra, p))
                    {
                        Finish(0, _ends[0] + 1, CsvTokenizeStop.BadRow, sawQuote, sawCarriageReturn);
                        return;
                    }
                    ends = p;
                    k = 1;
                    extra = 0;
                    if (p + 1 >= stopAt)
                    {
                        Finish(0, p + 1, CsvTokenizeStop.RangeEnd, sawQuote, sawCarriageReturn);
                        return;
                    }
                    continue;
                }
                Unsafe.Add(ref ends, k++) = p;
                sawCarriageReturn |= Unsafe.Add(ref data, p - 1) == (byte)'\r';
                rows++;
                expected += fields;
                if (rows == maxRows || p + 1 >= stopAt)
                {
                    Finish(rows, p + 1, p + 1 >= stopAt ? CsvTokenizeStop.RangeEnd : CsvTokenizeStop.RowLimit, sawQuote, sawCarriageReturn);
                    return;
                }
            }
        }

        var rowStart = Unsafe.Add(ref ends, expected - fields) + 1;
        if (!endOfData)
        {
            Finish(rows, rowStart, CsvTokenizeStop.NeedData, sawQuote, sawCarriageReturn);
        }
        else if (inQuotes && !_skipBadRows && rows > 0)
        {
            // The data ends inside the quotes of a later row: stop before it; the next call reports it.
            Finish(rows, rowStart, CsvTokenizeStop.Interrupted, sawQuote, sawCarriageReturn);
        }
        else if (inQuotes)
        {
            Faults.Add(new CsvFault(OpeningQuote(buffer, rowStart, length), Math.Max(0, k - (expected - fields) - 1) + extra,
                "unterminated quoted field: the quote opened here is not closed before the end of the file"));
            if (_skipBadRows)
                Finish(rows, length, CsvTokenizeStop.EndOfFile, sawQuote, sawCarriageReturn);
            else
                Finish(0, rowStart, CsvTokenizeStop.BadRow, sawQuote, sawCarriageReturn);
        }
        else
        {
            Finish(rows, length, CsvTokenizeStop.EndOfFile, sawQuote, sawCarriageReturn);
        }
    }

    /// <summary>Bit i is the XOR of bits 0..i: set for every byte after an odd number of quotes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong bits)
    {
        bits ^= bits << 1;
        bits ^= bits << 2;
        bits ^= bits << 4;
        bits ^= bits << 8;
        bits ^= bits << 16;
        bits ^= bits << 32;
        return bits;
    }

    /// <summary>Where the quote left open at the end of the data opened (the row is known to end inside quotes).</summary>
    private static int OpeningQuote(byte[] buffer, int rowStart, int length)
    {
        var open = rowStart;
        var inQuotes = false;
        for (var i = rowStart; i < length; i++)
        {
            if (buffer[i] != (byte)'"')
                continue;
            inQuotes = !inQuotes;
            if (inQuotes)
                open = i;
        }
        return open;
    }

    /// <summary>Bitmasks of the line feeds, quotes and separators (delimiters and line feeds) of 64 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Classify(ref byte block, byte delimiter, out ulong lineFeeds, out ulong quotes, out ulong separators)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var low = Vector256.LoadUnsafe(ref block);
            var high = Vector256.LoadUnsafe(ref block, 32);
            lineFeeds = Bits(Vector256.Equals(low, Vector256.Create((byte)'\n')), Vector256.Equals(high, Vector256.Create((byte)'\n')));
            quotes = Bits(Vector256.Equals(low, Vector256.Create((byte)'"')), Vector256.Equals(high, Vector256.Create((byte)'"')));
            separators = Bits(Vector256.Equals(low, Vector256.Create(delimiter)), Vector256.Equals(high, Vector256.Create(delimiter))) | lineFeeds;
            return;
        }
        // 128-bit vectors (SSE, Arm64 AdvSimd) where 256-bit ones would be emulated.
        lineFeeds = quotes = separators = 0;
        for (var i = 0; i < 4; i++)
        {
            var bytes = Vector128.LoadUnsafe(ref block, (nuint)(16 * i));
            var lineFeed = (ulong)Vector128.Equals(bytes, Vector128.Create((byte)'\n')).ExtractMostSignificantBits() << (16 * i);
            lineFeeds |= lineFeed;
            quotes |= (ulong)Vector128.Equals(bytes, Vector128.Create((byte)'"')).ExtractMostSignificantBits() << (16 * i);
            separators |= lineFeed | (ulong)Vector128.Equals(bytes, Vector128.Create(delimiter)).ExtractMostSignificantBits() << (16 * i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(Vector256<byte> low, Vector256<byte> high) =>
        low.ExtractMostSignificantBits() | ((ulong)high.ExtractMostSignificantBits() << 32);

    /// <summary>Writes the positions of the set bits, eight at a time without branching (slots past them get junk).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Flatten(ref int target, int block, ulong bits, int count)
    {
        for (var i = 0; i < 8; i++)
        {
            Unsafe.Add(ref target, i) = block + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        if (count <= 8)
            return;
        for (var i = 8; i < 16; i++)
        {
            Unsafe.Add(ref target, i) = block + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        for (var i = 16; bits != 0; i++)
        {
            Unsafe.Add(ref target, i) = block + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
    }

    private void Finish(int rows, int next, CsvTokenizeStop stop, bool sawQuote, bool sawCarriageReturn)
    {
        Rows = rows;
        Next = next;
        Stop = stop;
        SawQuote = sawQuote;
        SawCarriageReturn = sawCarriageReturn;
    }

    /// <summary>The first row ended with the wrong field count: true to drop it (an empty line, or a skipped bad row).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool DropFirstRow(byte[] buffer, int k, int extra, int lineFeed)
    {
        var found = k + extra;
        var rowStart = _ends[0] + 1;
        if (found == 1 && (lineFeed == rowStart || (lineFeed == rowStart + 1 && buffer[rowStart] == (byte)'\r')))
            return true; // an empty line (only reached when rows have several fields)
        var problem = $"expected {_fields} fields, found {found}";
        Faults.Add(found > _fields
            ? new CsvFault(_ends[_fields] + 1, _fields, problem)
            : new CsvFault(lineFeed, found, problem));
        return _skipBadRows;
    }
}
