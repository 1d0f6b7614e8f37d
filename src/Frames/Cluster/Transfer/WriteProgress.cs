namespace FramesNet.Cluster;

/// <summary>How much of a shared file its owner has written, as its SharePartition replies say; or why it never will be whole.</summary>
internal sealed class WriteProgress
{
    private readonly SemaphoreSlim _changed = new(0);
    private long _written;
    private volatile Exception? _failure;

    public long Written => Volatile.Read(ref _written);

    public Exception? Failure => _failure;

    public void Advance(long written)
    {
        Volatile.Write(ref _written, written);
        _changed.Release();
    }

    public void Fail(Exception failure)
    {
        _failure = failure;
        _changed.Release();
    }

    /// <summary>Blocks until the next <see cref="Advance"/> or <see cref="Fail"/> (or one that came since the last wait).</summary>
    public void WaitForChange(CancellationToken cancellationToken) => _changed.Wait(cancellationToken);
}
