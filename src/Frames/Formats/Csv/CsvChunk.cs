using System.Runtime.CompilerServices;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Rows the tokenizer found in the read buffer, as column decoders see them: field <c>c</c> of row <c>r</c> starts
/// at <c>Ends[r*Stride+c]+1</c> and ends at <c>Ends[r*Stride+c+1]</c>, except that the last field of a row ending
/// in CR LF ends before the CR (<see cref="EndsOf"/> says where). Decoders add the problems they find to
/// <see cref="Faults"/>.
/// </summary>
internal sealed class CsvChunk
{
    private byte[] _scratch = new byte[256];
    private int[] _endsWithoutCarriageReturns = new int[64];
    private bool _cutCarriageReturns;

    public byte[] Buffer { get; set; } = [];

    public int[] Ends { get; set; } = [];

    public int Stride { get; set; }

    public int Rows { get; set; }

    /// <summary>Some field may be quoted: decoders must check.</summary>
    public bool SawQuote { get; set; }

    /// <summary>The chunk's bytes are not all valid UTF-8: utf8 decoders must check each field.</summary>
    public bool InvalidUtf8 { get; set; }

    public List<CsvFault> Faults { get; } = [];

    /// <summary>Scratch for decoders: the rows their fast loop left to the slow path (room for every row).</summary>
    public int[] SlowRows { get; private set; } = new int[64];

    /// <summary>Sets the rows; with <paramref name="sawCarriageReturn"/>, works out where last fields end before a CR.</summary>
    public void Reset(byte[] buffer, int[] ends, int stride, int rows, bool sawQuote, bool sawCarriageReturn)
    {
        Buffer = buffer;
        Ends = ends;
        Stride = stride;
        Rows = rows;
        SawQuote = sawQuote;
        InvalidUtf8 = false;
        Faults.Clear();
        if (SlowRows.Length < rows)
            SlowRows = new int[Math.Max(rows, 2 * SlowRows.Length)];
        _cutCarriageReturns = sawCarriageReturn;
        if (!sawCarriageReturn)
            return;
        // A copy of the ends whose line feeds are moved before their CR: the last column reads its ends there.
        var count = rows * stride + 1;
        if (_endsWithoutCarriageReturns.Length < count)
            _endsWithoutCarriageReturns = new int[Math.Max(count, 2 * _endsWithoutCarriageReturns.Length)];
        ends.AsSpan(0, count).CopyTo(_endsWithoutCarriageReturns);
        for (var at = stride; at < count; at += stride)
        {
            var end = ends[at];
            if (end > ends[at - 1] + 1 && buffer[end - 1] == (byte)'\r')
                _endsWithoutCarriageReturns[at] = end - 1;
        }
    }

    /// <summary>
    /// The array holding where a column's fields end: field (row, column) is
    /// <c>[Ends[row*Stride+column]+1, EndsOf(column)[row*Stride+column+1])</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int[] EndsOf(int column) => _cutCarriageReturns && column == Stride - 1 ? _endsWithoutCarriageReturns : Ends;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FieldStart(int row, int column) => Ends[row * Stride + column] + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FieldEnd(int row, int column) => EndsOf(column)[row * Stride + column + 1];

    public ReadOnlySpan<byte> Field(int row, int column)
    {
        var start = FieldStart(row, column);
        return Buffer.AsSpan(start, FieldEnd(row, column) - start);
    }

    /// <summary>
    /// The value of field (<paramref name="row"/>, <paramref name="column"/>): unquoted when it starts with a quote.
    /// False (with a fault added) when the quoting is malformed.
    /// </summary>
    public bool TryGetValue(int row, int column, out ReadOnlySpan<byte> value, out bool quoted)
    {
        var raw = Field(row, column);
        quoted = raw.Length > 0 && raw[0] == (byte)'"';
        if (!quoted)
        {
            value = raw;
            return true;
        }
        if (_scratch.Length < raw.Length)
            _scratch = new byte[Math.Max(raw.Length, _scratch.Length * 2)];
        var length = CsvText.Unquote(raw, _scratch, out var problem);
        if (length < 0)
        {
            AddFault(row, column, problem!);
            value = default;
            return false;
        }
        value = _scratch.AsSpan(0, length);
        return true;
    }

    public void AddFault(int row, int column, string problem) =>
        Faults.Add(new CsvFault(FieldStart(row, column), column, problem, row));
}
