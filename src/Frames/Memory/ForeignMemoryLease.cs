namespace FramesNet.Memory;

/// <summary>
/// Keeps another owner's memory (for example an Apache.Arrow record batch) alive while Frames blocks wrap it:
/// each <see cref="BufferOwner.Foreign"/> block made under the lease holds it, and the owner is disposed when the
/// last of them is let go (its count fell back to zero: every Frames batch holding it was disposed).
/// </summary>
public sealed class ForeignMemoryLease
{
    private readonly IDisposable? _owner;
    private int _holds = 1; // the maker's own hold, given up by Seal

    /// <param name="owner">Disposed when the lease ends; null when the memory needs no release (the GC keeps it).</param>
    public ForeignMemoryLease(IDisposable? owner) => _owner = owner;

    /// <summary>True once the owner has been disposed.</summary>
    public bool IsReleased => Volatile.Read(ref _holds) == 0;

    internal void Hold()
    {
        if (Interlocked.Increment(ref _holds) <= 1)
            throw new InvalidOperationException("the foreign memory of this lease was already released");
    }

    /// <summary>
    /// Gives up the maker's hold once every block is made: from here the blocks alone keep the owner alive
    /// (a lease under which no block was made releases its owner now).
    /// </summary>
    public void Seal() => Let();

    internal void Let()
    {
        var left = Interlocked.Decrement(ref _holds);
        if (left == 0)
            _owner?.Dispose();
        else if (left < 0)
            throw new InvalidOperationException("a foreign memory lease was let go more often than it was held");
    }
}
