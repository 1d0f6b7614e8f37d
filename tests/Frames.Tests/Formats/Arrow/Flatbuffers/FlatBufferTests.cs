using FramesNet.Formats.Arrow;
using FramesNet.Formats.Arrow.Flatbuffers;

namespace FramesNet.Tests.Formats.Arrow.Flatbuffers;

public class FlatBufferTests
{
    [Fact]
    public void A_built_table_reads_back_field_by_field()
    {
        var builder = new FlatBufferBuilder(initialCapacity: 16); // small, so it must grow
        var name = builder.CreateString("héllo");
        builder.StartVector(16, 2, 8);
        builder.PutInt64(4); builder.PutInt64(3);   // element 1
        builder.PutInt64(2); builder.PutInt64(1);   // element 0
        var structs = builder.EndVector(2);
        builder.StartTable(1);
        builder.AddInt32(0, 77);
        var child = builder.EndTable();
        var children = builder.CreateOffsetVector([child, child]);
        builder.StartTable(6);
        builder.AddInt64(0, long.MinValue);
        builder.AddOffset(1, name);
        builder.AddOffset(2, structs);
        builder.AddOffset(3, children);
        builder.AddBool(4, true);
        builder.AddInt16(5, 0); // equal to the default: left out
        var bytes = builder.Finish(builder.EndTable()).ToArray();

        var root = new FlatBufferReader(bytes, 100, "test").Root("Root");

        Assert.Equal(long.MinValue, root.GetInt64(0));
        Assert.Equal("héllo", root.GetString(1, "name"));
        var vector = root.GetVector(2, 16, "structs");
        Assert.Equal([1L, 2L, 3L, 4L], [vector.Int64At(0, 0), vector.Int64At(0, 8), vector.Int64At(1, 0), vector.Int64At(1, 8)]);
        Assert.Equal(0, (vector.Start) % 8);
        var list = root.GetVector(3, 4, "children");
        Assert.Equal(77, list.TableAt(1).GetInt32(0));
        Assert.True(root.GetBool(4));
        Assert.False(root.Has(5));
        Assert.Equal(-3, root.GetInt16(5, -3));
        Assert.Equal(0, bytes.Length % 8);
    }

    [Fact]
    public void An_offset_outside_the_buffer_is_a_format_error_at_its_absolute_position()
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), 4000u);

        var error = Assert.Throws<ArrowFormatException>(() => new FlatBufferReader(bytes, 1000, "meta.bin").Root("Message"));

        Assert.Equal(1000, error.ByteOffset);
        Assert.Equal("meta.bin", error.SourceName);
        Assert.Contains("Message: offset points to 4000, outside the 16-byte flatbuffer", error.Message);
    }

    [Fact]
    public void A_vector_longer_than_the_buffer_is_refused_before_anything_is_allocated()
    {
        var builder = new FlatBufferBuilder();
        var vector = builder.CreateOffsetVector([]);
        builder.StartTable(1);
        builder.AddOffset(0, vector);
        var bytes = builder.Finish(builder.EndTable()).ToArray();
        var table = new FlatBufferReader(bytes, 0, null).Root("T");
        var lengthAt = table.GetVector(0, 4, "v").Start - 4;
        BitConverter.TryWriteBytes(bytes.AsSpan(lengthAt), uint.MaxValue);

        var error = Assert.Throws<ArrowFormatException>(() => new FlatBufferReader(bytes, 0, null).Root("T").GetVector(0, 16, "v"));

        Assert.Equal(lengthAt, error.ByteOffset);
        Assert.Contains("vector of 4294967295 elements", error.Message);
    }
}
