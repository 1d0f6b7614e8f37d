using FramesNet.Formats.Arrow;
using FramesNet.Tests.TestSupport;
using FsCheck.Fluent;

namespace FramesNet.Tests.Formats.Arrow;

public class OffsetCheckTests
{
    [Fact]
    public void The_vectorised_check_agrees_with_a_plain_loop() =>
        Properties.Check(Prop.ForAll<byte[], int, byte>((steps, breakAt, dataSlack) =>
        {
            var offsets = new int[steps.Length + 1];
            for (var i = 0; i < steps.Length; i++)
                offsets[i + 1] = offsets[i] + steps[i] % 5;
            if (steps.Length > 0 && breakAt % 3 == 0)
                offsets[Math.Abs(breakAt % offsets.Length)] -= 1 + Math.Abs(breakAt % 7);
            var dataLength = offsets[^1] + dataSlack % 3 - 1;
            var longs = offsets.Select(o => (long)o).ToArray();

            var expected = offsets[0] >= 0 && offsets[^1] <= dataLength && offsets.Zip(offsets.Skip(1)).All(p => p.Second >= p.First);

            return OffsetCheck.IsValid<int>(offsets, dataLength) == expected && OffsetCheck.IsValid<long>(longs, dataLength) == expected;
        }));
}
