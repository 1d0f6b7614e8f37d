using FramesNet.Cluster;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Cluster;

/// <summary>The pooled buffers a partition passes through on its way out (ChunkedOutput) and in (ReceivedBytes).</summary>
public class ChunkBuffersTests
{
    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    [Fact]
    public void Chunked_output_cuts_whatever_is_written_into_whole_chunks_and_a_rest() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var chunkBytes = random.Next(4096, 9000);
        var input = RandomBytes(random, random.Next(0, 40_000));
        var sent = new List<byte>();
        var sizes = new List<int>();

        using (var output = new ChunkedOutput(chunkBytes))
        {
            foreach (var piece in Pieces(input, random))
            {
                output.Write(piece);
                while (output.TryTakeFull(out var chunk, out var bytes))
                {
                    sent.AddRange(bytes.ToArray());
                    sizes.Add(bytes.Length);
                    ChunkedOutput.Return(chunk);
                }
            }
            if (output.TryTakeRest(out var last, out var rest))
            {
                sent.AddRange(rest.ToArray());
                sizes.Add(rest.Length);
                ChunkedOutput.Return(last);
            }
        }

        Assert.Equal(input, sent.ToArray());
        Assert.All(sizes.SkipLast(1), size => Assert.Equal(chunkBytes, size));
        Assert.All(sizes, size => Assert.InRange(size, 1, chunkBytes));
    }));

    [Fact]
    public void Received_bytes_read_back_as_appended_with_any_reads_and_seeks() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var input = RandomBytes(random, random.Next(0, 20_000));
        using var received = new ReceivedBytes();
        foreach (var piece in Pieces(input, random))
            received.Append(piece);
        using var stream = received.OpenRead();

        var start = input.Length == 0 ? 0 : random.Next(input.Length);
        stream.Seek(start, SeekOrigin.Begin);
        var back = new MemoryStream();
        var buffer = new byte[random.Next(1, 5000)];
        int read;
        while ((read = stream.Read(buffer, 0, random.Next(1, buffer.Length + 1))) > 0)
            back.Write(buffer, 0, read);

        Assert.Equal(input.Length, received.Length);
        Assert.Equal(input.Length, stream.Length);
        Assert.Equal(input[start..], back.ToArray());
    }));

    [Fact]
    public void Received_bytes_span_several_pooled_blocks()
    {
        var random = new Random(7);
        var input = RandomBytes(random, 9_500_000);
        using var received = new ReceivedBytes();
        received.Append(input.AsSpan(0, 5_000_000));
        received.Append(new System.Buffers.ReadOnlySequence<byte>(input.AsMemory(5_000_000)));

        var back = new byte[input.Length];
        using var stream = received.OpenRead();
        stream.ReadExactly(back);

        Assert.Equal(input, back);
        Assert.Equal(0, stream.Read(new byte[1]));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static IEnumerable<byte[]> Pieces(byte[] input, Random random)
    {
        for (var at = 0; at < input.Length;)
        {
            var size = Math.Min(input.Length - at, random.Next(0, 12_000));
            yield return input[at..(at + size)];
            at += size;
        }
    }
}
