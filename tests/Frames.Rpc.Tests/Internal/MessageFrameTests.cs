using System.Buffers;
using FramesNet.Rpc.Internal;
using FramesNet.Rpc.Internal.Client;

namespace FramesNet.Rpc.Tests.Internal;

public sealed class MessageFrameTests
{
    [Fact]
    public void A_frame_split_across_segments_is_found_whole()
    {
        var frame = Frame([1, 2, 3, 4, 5, 6, 7]);
        for (var split = 1; split < frame.Length; split++)
        {
            var sequence = Segments(frame[..split], frame[split..]);

            Assert.True(MessageFrame.TryRead(sequence, 100, out var compressed, out var payload), $"split at {split}");
            Assert.False(compressed);
            Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7 }, payload.ToArray());
        }
    }

    [Fact]
    public void An_incomplete_frame_asks_for_more()
    {
        var frame = Frame(new byte[10]);

        Assert.False(MessageFrame.TryRead(new ReadOnlySequence<byte>(frame[..4]), 100, out _, out _));
        Assert.False(MessageFrame.TryRead(new ReadOnlySequence<byte>(frame[..14]), 100, out _, out _));
    }

    [Fact]
    public void The_limit_is_checked_from_the_header_alone()
    {
        var header = new byte[5];
        MessageFrame.WriteHeader(header, 1_000_000_000);

        var error = Assert.Throws<RpcException>(() => MessageFrame.TryRead(new ReadOnlySequence<byte>(header), 4096, out _, out _));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("Received message larger than max (1000000000 vs. 4096)", error.Detail);
    }

    [Fact]
    public void A_bad_compressed_flag_is_internal()
    {
        var frame = Frame([1]);
        frame[0] = 7;

        var error = Assert.Throws<RpcException>(() => MessageFrame.TryRead(new ReadOnlySequence<byte>(frame), 100, out _, out _));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task The_stream_reader_reassembles_frames_from_one_byte_reads()
    {
        var frames = Frame([1, 2, 3]).Concat(Frame([])).Concat(Frame(Enumerable.Range(0, 40_000).Select(i => (byte)i).ToArray())).ToArray();
        using var reader = new StreamFrameReader(new TrickleStream(frames, chunk: 1));

        Assert.True(await reader.ReadAsync(100_000, default));
        Assert.Equal(new byte[] { 1, 2, 3 }, reader.Payload.ToArray());
        Assert.True(await reader.ReadAsync(100_000, default));
        Assert.Equal(0, reader.Payload.Length);
        Assert.True(await reader.ReadAsync(100_000, default));
        Assert.Equal(40_000, reader.Payload.Length);
        Assert.Equal((byte)(39_999 % 256), reader.Payload.Span[^1]);
        Assert.False(await reader.ReadAsync(100_000, default));
    }

    [Fact]
    public async Task The_stream_reader_refuses_a_large_frame_before_reading_it()
    {
        var stream = new TrickleStream(Frame(new byte[50_000]), chunk: 7);
        using var reader = new StreamFrameReader(stream);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await reader.ReadAsync(1000, default));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(stream.Position < 100, $"read {stream.Position} bytes");
    }

    [Fact]
    public async Task The_stream_reader_reports_a_body_cut_inside_a_frame()
    {
        using var reader = new StreamFrameReader(new TrickleStream(Frame(new byte[100])[..50], chunk: 16));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await reader.ReadAsync(1000, default));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("45 of 100 bytes", error.Detail);
    }

    private static byte[] Frame(byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        MessageFrame.WriteHeader(frame, payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    private static ReadOnlySequence<byte> Segments(byte[] first, byte[] second)
    {
        var head = new Segment(first, 0);
        var tail = head.Append(second);
        return new ReadOnlySequence<byte>(head, 0, tail, second.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] data, long runningIndex)
        {
            Memory = data;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] data)
        {
            var next = new Segment(data, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    /// <summary>A stream that returns at most <c>chunk</c> bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
