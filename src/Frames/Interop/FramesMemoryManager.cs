using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Memory;

namespace FramesNet.Interop;

/// <summary>
/// A Frames block seen as <see cref="Memory{T}"/>, for handing it to Apache.Arrow without copying. The manager holds
/// the block (it cannot go back to its pool) until it is disposed or, as Apache.Arrow never disposes the memory of a
/// buffer made from <see cref="ReadOnlyMemory{T}"/>, until the last Apache.Arrow buffer viewing it is collected.
/// </summary>
internal sealed unsafe class FramesMemoryManager : MemoryManager<byte>
{
    private int _released;

    public FramesMemoryManager(BufferOwner owner)
    {
        Owner = owner;
        owner.Retain();
    }

    // CA2015 warns that a span taken from this memory may outlive the manager; as with Apache.Arrow's own native
    // memory manager (which frees in its finalizer too), a span is valid while the batch it came from is reachable.
#pragma warning disable CA2015
    ~FramesMemoryManager() => Let();
#pragma warning restore CA2015

    public BufferOwner Owner { get; }

    public override Span<byte> GetSpan()
    {
        var window = Owner.Window(0, Owner.Capacity);
        return MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(window), window.Length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if ((uint)elementIndex > (uint)Owner.Capacity)
            throw new ArgumentOutOfRangeException(nameof(elementIndex));
        if (Owner.ArrayOrNull is { } array)
        {
            var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            var start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            return new MemoryHandle(start + Owner.Start + elementIndex, handle, this);
        }
        return new MemoryHandle((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(Owner.Window(0, Owner.Capacity))) + elementIndex, default, this);
    }

    public override void Unpin() { }

    protected override void Dispose(bool disposing)
    {
        Let();
        if (disposing)
            GC.SuppressFinalize(this);
    }

    private void Let()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            Owner.Release();
    }
}
