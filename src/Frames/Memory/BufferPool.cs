using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace FramesNet.Memory;

/// <summary>
/// Pool of 64-byte aligned blocks in power-of-two size classes from 4 KiB to 256 MiB.
/// </summary>
/// <remarks>
/// Column buffers are large and short-lived (one batch flows through a pipeline and is dropped), which
/// is the worst case for the GC's large object heap; reusing blocks avoids both the allocation and the
/// zeroing. Pooled blocks live on the pinned object heap so their address, and so their alignment, never
/// changes. Smaller requests get plain arrays (8-byte aligned); larger ones get exact, unpooled blocks.
/// </remarks>
public sealed class BufferPool
{
    private const int Alignment = 64;
    private const int MinClassBits = 12;   // 4 KiB
    private const int MaxClassBits = 28;   // 256 MiB

    private readonly ConcurrentBag<BufferOwner>[] _classes;
    private readonly long _maxRetainedBytes;
    private long _retainedBytes;

    public BufferPool(long maxRetainedBytes)
    {
        _maxRetainedBytes = maxRetainedBytes;
        _classes = new ConcurrentBag<BufferOwner>[MaxClassBits - MinClassBits + 1];
        for (var i = 0; i < _classes.Length; i++)
            _classes[i] = new ConcurrentBag<BufferOwner>();
    }

    /// <summary>The process-wide pool; keeps at most 1/8 of the memory the GC may use, up to 2 GiB.</summary>
    public static BufferPool Shared { get; } =
        new(Math.Min(2L << 30, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8));

    /// <summary>Bytes currently parked in the pool.</summary>
    public long RetainedBytes => Interlocked.Read(ref _retainedBytes);

    /// <summary>A block of at least <paramref name="minimumBytes"/> bytes. Its contents are not cleared.</summary>
    public BufferOwner Rent(int minimumBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumBytes);
        if (minimumBytes < 1 << MinClassBits)
        {
            var small = GC.AllocateUninitializedArray<byte>(Math.Max(minimumBytes, 8));
            return new BufferOwner(small, 0, small.Length, null);
        }
        var bits = 64 - BitOperations.LeadingZeroCount((ulong)minimumBytes - 1);
        if (bits > MaxClassBits)
            return Allocate(minimumBytes, null);
        var index = bits - MinClassBits;
        if (_classes[index].TryTake(out var owner))
        {
            Interlocked.Add(ref _retainedBytes, -owner.Capacity);
            return owner;
        }
        return Allocate(1 << bits, this);
    }

    internal void Return(BufferOwner owner)
    {
        var bits = BitOperations.Log2((uint)owner.Capacity);
        if (Interlocked.Add(ref _retainedBytes, owner.Capacity) > _maxRetainedBytes)
        {
            Interlocked.Add(ref _retainedBytes, -owner.Capacity);
            return; // over budget: let the GC have it
        }
        _classes[bits - MinClassBits].Add(owner);
    }

    private static unsafe BufferOwner Allocate(int capacity, BufferPool? pool)
    {
        var array = GC.AllocateUninitializedArray<byte>(capacity + Alignment, pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref array[0]);
        var start = (int)((Alignment - (address % Alignment)) % Alignment);
        return new BufferOwner(array, start, capacity, pool);
    }
}
