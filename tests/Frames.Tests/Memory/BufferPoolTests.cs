using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Tests.Memory;

public class BufferPoolTests
{
    [Fact]
    public void Pooled_blocks_are_64_byte_aligned_and_reused_after_the_last_batch_is_disposed()
    {
        var pool = new BufferPool(maxRetainedBytes: 1 << 24);
        var owner = pool.Rent(10_000);
        Assert.True(owner.Capacity >= 10_000);
        unsafe
        {
            fixed (byte* p = owner.Span)
                Assert.Equal(0, (long)p % 64);
        }

        var column = new PrimitiveColumn<long>(DataType.Int64, 100, new ArrowBuffer(owner, 0, 800));
        var schema = new Schema(new Field("x", DataType.Int64));
        var first = new RecordBatch(schema, [column]);
        var second = new RecordBatch(schema, [column.Slice(10, 20)]);

        first.Dispose();
        Assert.Equal(0, pool.RetainedBytes);        // the slice in the second batch still holds it
        second.Dispose();
        Assert.Equal(owner.Capacity, pool.RetainedBytes);
        Assert.Same(owner, pool.Rent(9_000));
    }

    [Fact]
    public void Disposing_a_batch_twice_is_harmless()
    {
        var batch = new RecordBatch(new Schema(new Field("x", DataType.Int32)), [PrimitiveColumn<int>.From(DataType.Int32, [1, 2])]);
        batch.Dispose();
        batch.Dispose();
    }

    [Fact]
    public void Over_release_is_detected()
    {
        var owner = new BufferPool(1 << 20).Rent(8192);
        owner.Retain();
        owner.Release();
        Assert.Throws<InvalidOperationException>(owner.Release);
    }
}
