namespace FramesNet.Cluster;

/// <summary>
/// What the transfer's read-only, seekable streams share (a file still being written, bytes received in
/// blocks, bytes still arriving): they supply <see cref="Stream.Length"/>, <see cref="Stream.Position"/> and
/// <see cref="Read(Span{byte})"/>; writing is not supported.
/// </summary>
internal abstract class ReadOnlySeekableStream : Stream
{
    public sealed override bool CanRead => true;
    public sealed override bool CanSeek => true;
    public sealed override bool CanWrite => false;

    public abstract override int Read(Span<byte> buffer);

    public sealed override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public sealed override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => Length + offset,
    };

    public sealed override void Flush() { }
    public sealed override void SetLength(long value) => throw new NotSupportedException();
    public sealed override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
