using Microsoft.Win32.SafeHandles;

namespace FramesNet.Cluster;

/// <summary>
/// A file another process is still writing, read as a seekable stream of its announced final
/// <see cref="Length"/>. Reads go no further than what the writer says is in place (a reused file holds
/// old bytes beyond it) and wait there for more, or fail with the writer's failure.
/// </summary>
internal sealed class GrowingFileStream(SafeFileHandle file, long length, WriteProgress progress, string path, CancellationToken cancellationToken) : ReadOnlySeekableStream
{
    private long _position;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(Span<byte> buffer)
    {
        if (_position >= length || buffer.IsEmpty)
            return 0;
        while (true)
        {
            var available = Math.Min(progress.Written, length) - _position;
            if (available > 0)
            {
                var read = RandomAccess.Read(file, buffer[..(int)Math.Min(buffer.Length, available)], _position);
                if (read == 0)
                    throw new IOException($"{path} ends at {_position} bytes, before the {progress.Written} its owner says it wrote");
                _position += read;
                return read;
            }
            if (progress.Failure is { } failure)
                throw new IOException($"the owner of {path} stopped writing it: {failure.Message}", failure);
            progress.WaitForChange(cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            file.Dispose();
        base.Dispose(disposing);
    }
}
