using System.Buffers;
using Apache.Arrow.Memory;

namespace FramesNet.Tests.Interop;

/// <summary>Apache.Arrow's native allocator, counting the blocks handed out and not yet disposed.</summary>
internal sealed class CountingAllocator() : MemoryAllocator(DefaultAlignment)
{
    private readonly NativeMemoryAllocator _native = new(DefaultAlignment);
    private int _outstanding;

    public int Outstanding => Volatile.Read(ref _outstanding);

    protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
    {
        var inner = _native.Allocate(length);
        bytesAllocated = inner.Memory.Length;
        Interlocked.Increment(ref _outstanding);
        return new Counted(inner, this);
    }

    private sealed class Counted(IMemoryOwner<byte> inner, CountingAllocator allocator) : IMemoryOwner<byte>
    {
        private int _disposed;

        public Memory<byte> Memory => inner.Memory;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
                return;
            inner.Dispose();
            Interlocked.Decrement(ref allocator._outstanding);
        }
    }
}
