using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Formats.Arrow.Messages;
using FramesNet.Memory;

namespace FramesNet.Formats.Arrow;

/// <summary>
/// The body of a record or dictionary batch being written: one field node per column and, per buffer, where
/// it goes in the body (64-byte aligned) and where its bytes come from. Buffers are copied straight from the
/// columns; only a slice that does not start on a byte boundary (bitmaps) or at offset 0 (string offsets)
/// is shifted or rebased on the way out.
/// </summary>
internal sealed class BodyPlan
{
    private const int Alignment = 64;
    private static readonly byte[] Zeros = new byte[Alignment];

    private readonly List<FieldNode> _nodes = [];
    private readonly List<BodyRegion> _regions = [];
    private readonly List<Part> _parts = [];
    private long _end;

    /// <summary>Body length, padded to a multiple of 8 as the format requires.</summary>
    public long Length => (_end + 7) & ~7L;

    public RecordBatchHeader Header(long rows) => new(rows, _nodes.ToArray(), _regions.ToArray());

    public void AddColumn(Column column)
    {
        var length = column.Length;
        if (column is NullColumn)
        {
            _nodes.Add(new FieldNode(length, length));
            return;
        }
        var nulls = column.NullCount;
        _nodes.Add(new FieldNode(length, nulls));
        if (nulls == 0)
            AddEmpty();
        else
            AddBits(column.Validity, column.Offset, length);
        switch (column)
        {
            case BooleanColumn c:
                AddBits(c.ValueBuffer, c.Offset, length);
                break;
            case BinaryColumn c:
                AddOffsetsAndData(c.OffsetBuffer, c.Offset, length, c.Offsets, c.DataBuffer, sizeof(int));
                break;
            case LargeBinaryColumn c:
                AddOffsetsAndData(c.Buffers[1], c.Offset, length, c.Offsets, c.Buffers[2], sizeof(long));
                break;
            case DictionaryColumn c:
                AddBytes(c.IndexBuffer, c.Offset * c.Type.IndexType!.ByteWidth, length * c.Type.IndexType.ByteWidth);
                break;
            default:
                var width = column.Type.ByteWidth;
                AddBytes(column.Buffers[1], column.Offset * width, length * width);
                break;
        }
    }

    private void AddOffsetsAndData<T>(ArrowBuffer offsetBuffer, int offset, int length, ReadOnlySpan<T> offsets, ArrowBuffer data, int width)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var first = long.CreateTruncating(offsets[0]);
        var last = long.CreateTruncating(offsets[^1]);
        if (offsetBuffer.IsEmpty)
            Add(new Part(PartKind.Zeros, default, 0, 0, 0), width); // a column of no values still gets its one offset
        else if (first == 0)
            AddBytes(offsetBuffer, offset * width, (length + 1) * width);
        else
            Add(new Part(width == 4 ? PartKind.Offsets32 : PartKind.Offsets64, offsetBuffer, offset, length + 1, first), (long)(length + 1) * width);
        AddBytes(data, (int)first, (int)(last - first));
    }

    private void AddBits(ArrowBuffer bits, int bitOffset, int count)
    {
        var bytes = Bitmap.BytesFor(count);
        if ((bitOffset & 7) == 0)
            AddBytes(bits, bitOffset >> 3, bytes);
        else
            Add(new Part(PartKind.ShiftedBits, bits, bitOffset, count, 0), bytes);
    }

    private void AddBytes(ArrowBuffer source, int start, int length)
    {
        if (length == 0)
            AddEmpty();
        else
            Add(new Part(PartKind.Bytes, source, start, length, 0), length);
    }

    /// <summary>An absent buffer: length 0 at an 8-aligned offset that stays inside the body.</summary>
    private void AddEmpty() => _regions.Add(new BodyRegion((_end + 7) & ~7L, 0));

    private void Add(Part part, long length)
    {
        var offset = Align(_end);
        _regions.Add(new BodyRegion(offset, length));
        _parts.Add(part with { Offset = offset, Length = length });
        _end = offset + length;
    }

    private static long Align(long position) => (position + Alignment - 1) & ~(long)(Alignment - 1);

    /// <summary>Writes the body: each buffer at its planned offset, zeros between and after.</summary>
    public void WriteTo(Stream stream)
    {
        var position = 0L;
        byte[]? scratch = null;
        try
        {
            foreach (var part in _parts)
            {
                WriteZeros(stream, part.Offset - position);
                switch (part.Kind)
                {
                    case PartKind.Bytes:
                        stream.Write(part.Source.Span.Slice(part.Start, part.Count));
                        break;
                    case PartKind.Zeros:
                        WriteZeros(stream, part.Length);
                        break;
                    default:
                        scratch ??= ArrayPool<byte>.Shared.Rent(1 << 16);
                        WriteTransformed(stream, part, scratch);
                        break;
                }
                position = part.Offset + part.Length;
            }
            WriteZeros(stream, Length - position);
        }
        finally
        {
            if (scratch is not null)
                ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void WriteTransformed(Stream stream, Part part, byte[] scratch)
    {
        var source = part.Source.Span;
        switch (part.Kind)
        {
            case PartKind.ShiftedBits:
                var shift = part.Start & 7;
                var first = part.Start >> 3;
                for (var done = 0L; done < part.Length; done += scratch.Length)
                {
                    var n = (int)Math.Min(scratch.Length, part.Length - done);
                    for (var k = 0; k < n; k++)
                    {
                        var at = first + (int)done + k;
                        var high = at + 1 < source.Length ? source[at + 1] << (8 - shift) : 0;
                        scratch[k] = (byte)((source[at] >> shift) | high);
                    }
                    if (done + n == part.Length && (part.Count & 7) != 0)
                        scratch[n - 1] &= (byte)((1 << (part.Count & 7)) - 1);
                    stream.Write(scratch, 0, n);
                }
                break;
            case PartKind.Offsets32:
                Rebase(stream, MemoryMarshal.Cast<byte, int>(source).Slice(part.Start, part.Count), (int)part.Rebase, scratch);
                break;
            case PartKind.Offsets64:
                Rebase(stream, MemoryMarshal.Cast<byte, long>(source).Slice(part.Start, part.Count), part.Rebase, scratch);
                break;
        }
    }

    private static void Rebase<T>(Stream stream, ReadOnlySpan<T> offsets, T first, byte[] scratch)
        where T : unmanaged, System.Numerics.ISubtractionOperators<T, T, T>
    {
        var chunk = MemoryMarshal.Cast<byte, T>(scratch.AsSpan());
        for (var done = 0; done < offsets.Length; done += chunk.Length)
        {
            var n = Math.Min(chunk.Length, offsets.Length - done);
            TensorPrimitives.Subtract(offsets.Slice(done, n), first, chunk[..n]);
            stream.Write(MemoryMarshal.AsBytes(chunk[..n]));
        }
    }

    private static void WriteZeros(Stream stream, long count)
    {
        for (; count > 0; count -= Zeros.Length)
            stream.Write(Zeros, 0, (int)Math.Min(count, Zeros.Length));
    }

    private enum PartKind : byte { Bytes, Zeros, ShiftedBits, Offsets32, Offsets64 }

    /// <summary>Bytes: Count bytes from Start. ShiftedBits: Count bits from bit Start. Offsets: Count values from Start, minus Rebase.</summary>
    private readonly record struct Part(PartKind Kind, ArrowBuffer Source, int Start, int Count, long Rebase)
    {
        public long Offset { get; init; }
        public long Length { get; init; }
    }
}
