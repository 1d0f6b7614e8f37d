using System.Runtime.CompilerServices;

namespace FramesNet.Formats.Csv;

/// <summary>
/// One column's formatted fields for a block of rows: their bytes back to back and where each ends. The writer
/// fills one block per column, column by column (tight, type-specialised loops), then interleaves them into rows.
/// </summary>
internal sealed class CsvFieldBlock
{
    /// <summary>Room past the last field so small copies can move whole vectors.</summary>
    public const int Slack = 64;

    private byte[] _bytes = new byte[16 * 1024];

    public int[] Ends { get; private set; } = new int[1024];

    public int Length { get; set; }

    public byte[] Bytes => _bytes;

    public void Begin(int rows)
    {
        if (Ends.Length < rows)
            Ends = new int[rows];
        Length = 0;
    }

    /// <summary>Room for <paramref name="bytes"/> more bytes (plus the slack), to format into.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> Reserve(int bytes)
    {
        if (Length + bytes + Slack > _bytes.Length)
            Array.Resize(ref _bytes, Math.Max(2 * _bytes.Length, Length + bytes + Slack));
        return _bytes.AsSpan(Length);
    }

    public void Put(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
    }
}
