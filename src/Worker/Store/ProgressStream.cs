using System.Threading.Channels;

namespace FramesNet.Worker.Store;

/// <summary>
/// Writes through to a file and, every <see cref="ReportEvery"/> bytes, flushes and posts how many bytes
/// are in place — for a reader on this machine that reads the file while it is written (SharePartition).
/// </summary>
internal sealed class ProgressStream(FileStream file, ChannelWriter<long> progress) : Stream
{
    public const int ReportEvery = 4 << 20;

    private long _written;
    private long _reported;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        file.Write(buffer);
        _written += buffer.Length;
        if (_written - _reported >= ReportEvery)
            Report();
    }

    public override void Flush() => Report();

    private void Report()
    {
        file.Flush();
        _reported = _written;
        progress.TryWrite(_written);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
