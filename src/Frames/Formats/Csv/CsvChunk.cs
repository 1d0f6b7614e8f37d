using System.Runtime.CompilerServices;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Rows the tokenizer found in the read buffer, as column decoders see them: field <c>c</c> of row <c>r</c> is
/// <c>Buffer[Ends[r*Stride+c]+1 .. Ends[r*Stride+c+1])</c>. Decoders add the problems they find to <see cref="Faults"/>.
/// </summary>
internal sealed class CsvChunk
{
    private byte[] _scratch = new byte[256];

    public byte[] Buffer { get; set; } = [];

    public int[] Ends { get; set; } = [];

    public int Stride { get; set; }

    public int Rows { get; set; }

    /// <summary>Some field may be quoted: decoders must check.</summary>
    public bool SawQuote { get; set; }

    /// <summary>The chunk's bytes are not all valid UTF-8: utf8 decoders must check each field.</summary>
    public bool InvalidUtf8 { get; set; }

    public List<CsvFault> Faults { get; } = [];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FieldStart(int row, int column) => Ends[row * Stride + column] + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FieldEnd(int row, int column) => Ends[row * Stride + column + 1];

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
