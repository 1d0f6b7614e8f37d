using System.Buffers;

namespace FramesNet.Formats.Csv;

/// <summary>RFC 4180 quoting for the writer: which values need quotes, and writing them quoted.</summary>
internal sealed class CsvQuoting(byte delimiter, byte[] nullText)
{
    private readonly SearchValues<byte> _special = SearchValues.Create([delimiter, (byte)'"', (byte)'\r', (byte)'\n']);

    public byte[] NullText { get; } = nullText;

    /// <summary>A string value: quoted when it holds a delimiter, quote, CR or LF, is empty, or reads as the null text.</summary>
    public void PutString(ReadOnlySpan<byte> value, CsvFieldBlock block)
    {
        if (!value.IsEmpty && value.IndexOfAny(_special) < 0 && !value.SequenceEqual(NullText))
        {
            block.Put(value);
            return;
        }
        var target = block.Reserve(2 * value.Length + 2);
        var at = 0;
        target[at++] = (byte)'"';
        foreach (var b in value)
        {
            target[at++] = b;
            if (b == (byte)'"')
                target[at++] = (byte)'"';
        }
        target[at++] = (byte)'"';
        block.Length += at;
    }
}
