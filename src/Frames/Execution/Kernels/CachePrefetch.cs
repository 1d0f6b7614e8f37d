using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Software prefetch for kernels that visit big tables in random order (group and join tables): asking for the
/// element a few rows ahead lets its cache miss overlap the current row's work. A hint only — nothing happens
/// where the CPU has no prefetch instruction, and an index past the end is never touched.
/// </summary>
internal static class CachePrefetch
{
    /// <summary>How many rows ahead the kernels ask: far enough to cover a miss to memory, near enough to stay cached.</summary>
    public const int Distance = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Element<T>(ReadOnlySpan<T> values, int index)
    {
        if (Sse.IsSupported && (uint)index < (uint)values.Length)
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetReference(values), index)));
    }
}
