using FramesNet.Columns;
using FramesNet.Tests.TestSupport;
using FsCheck.Fluent;

namespace FramesNet.Tests.Columns;

public class BitmapTests
{
    [Fact]
    public void CountSet_matches_a_bit_by_bit_count_for_any_window() =>
        Properties.Check(Prop.ForAll<bool[], byte, byte>((bits, start, take) =>
        {
            var map = new byte[Bitmap.BytesFor(bits.Length) + 8];
            for (var i = 0; i < bits.Length; i++)
                Bitmap.Set(map, i, bits[i]);
            var offset = bits.Length == 0 ? 0 : start % (bits.Length + 1);
            var length = Math.Min(take, bits.Length - offset);
            var expected = bits.Skip(offset).Take(length).Count(b => b);
            return Bitmap.CountSet(map, offset, length) == expected;
        }));

    [Fact]
    public void Copy_moves_bits_between_unaligned_offsets() =>
        Properties.Check(Prop.ForAll<bool[], byte, byte>((bits, sourceShift, destinationShift) =>
        {
            int so = sourceShift % 13, d = destinationShift % 11;
            var source = new byte[Bitmap.BytesFor(bits.Length + so)];
            for (var i = 0; i < bits.Length; i++)
                Bitmap.Set(source, so + i, bits[i]);
            var destination = new byte[Bitmap.BytesFor(bits.Length + d)];
            Bitmap.Copy(source, so, destination, d, bits.Length);
            return bits.Select((b, i) => Bitmap.Get(destination, d + i) == b).All(x => x);
        }));

    [Fact]
    public void Fill_sets_exactly_the_window()
    {
        var map = new byte[4];
        Bitmap.Fill(map, 3, 20, true);
        for (var i = 0; i < 32; i++)
            Assert.Equal(i is >= 3 and < 23, Bitmap.Get(map, i));
    }
}
