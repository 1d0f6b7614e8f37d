using System.Buffers;
using System.Runtime.CompilerServices;

namespace FramesNet.Formats.Csv;

/// <summary>The writer's byte buffer: values are formatted straight into it as UTF-8; RFC 4180 quoting lives here.</summary>
internal sealed class CsvOutput
{
    private readonly SearchValues<byte> _special;
    private readonly byte[] _nullText;
    private byte[] _buffer;

    public CsvOutput(byte delimiter, byte[] nullText, int capacity)
    {
        _special = SearchValues.Create([delimiter, (byte)'"', (byte)'\r', (byte)'\n']);
        _nullText = nullText;
        _buffer = new byte[capacity];
    }

    public int Length { get; set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Room for <paramref name="bytes"/> more bytes, to format into.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int bytes)
    {
        if (Length + bytes > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
        return _buffer.AsSpan(Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put(byte value)
    {
        Reserve(1)[0] = value;
        Length++;
    }

    public void Put(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }

    public void PutNull() => Put(_nullText);

    /// <summary>A string value: quoted when it holds a delimiter, quote, CR or LF, is empty, or reads as the null text.</summary>
    public void PutString(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny(_special) < 0 && !value.IsEmpty && !value.SequenceEqual(_nullText))
        {
            Put(value);
            return;
        }
        var target = Reserve(2 * value.Length + 2);
        var at = 0;
        target[at++] = (byte)'"';
        foreach (var b in value)
        {
            target[at++] = b;
            if (b == (byte)'"')
                target[at++] = (byte)'"';
        }
        target[at++] = (byte)'"';
        Length += at;
    }
}
