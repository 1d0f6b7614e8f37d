using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Cluster;

/// <summary>An Arrow IPC stream decoded on one thread while another appends it in pieces.</summary>
public class ArrivingBytesTests
{
    private static readonly Schema Schema = new(new Field("id", DataType.Int64), new Field("name", DataType.Utf8));

    [Fact]
    public async Task Pieces_appended_while_the_reader_decodes_arrive_whole_and_passed_blocks_go_back_at_once()
    {
        var (encoded, rows) = Encoded(batches: 6, rowsEach: 300_000); // several 4 MiB blocks
        using var arriving = new ArrivingBytes(encoded.Length, "test");

        var decoding = Task.Run(() => ArrowIpc.ReadStream(arriving.OpenRead(default), "test"));
        foreach (var piece in encoded.Chunk(100_003))
        {
            arriving.Append(piece);
            await Task.Yield();
        }
        arriving.Complete();
        var (schema, batches) = await decoding.WaitAsync(Patience.Wait);

        Assert.Equal(Schema, schema);
        Assert.Equal(rows, batches.SelectMany(b => ((PrimitiveColumn<long>)b.Column(0)).Values.ToArray()));
        Assert.True(arriving.HeldBlocks <= 1, $"{arriving.HeldBlocks} blocks still held after the reader passed them");
        batches.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task A_sender_that_breaks_off_fails_the_waiting_reader_with_its_reason()
    {
        var (encoded, _) = Encoded(batches: 2, rowsEach: 1000);
        using var arriving = new ArrivingBytes(encoded.Length, "test");
        var decoding = Task.Run(() => ArrowIpc.ReadStream(arriving.OpenRead(default), "test"));

        arriving.Append(encoded.AsSpan(0, encoded.Length / 2));
        arriving.Fail(new IOException("the peer went away"));

        var error = await Assert.ThrowsAsync<IOException>(() => decoding.WaitAsync(Patience.Wait));
        Assert.Equal("the peer went away", error.Message);
    }

    [Fact]
    public void More_or_fewer_bytes_than_announced_are_errors_naming_both_counts()
    {
        using var arriving = new ArrivingBytes(10, "partition t");

        arriving.Append(new byte[6]);
        var more = Assert.Throws<IOException>(() => arriving.Append(new byte[5]));
        var fewer = Assert.Throws<IOException>(arriving.Complete);

        Assert.Equal("partition t: the sender announced 10 bytes and sent more (11 so far)", more.Message);
        Assert.Equal("partition t: the sender announced 10 bytes and sent 6", fewer.Message);
    }

    [Fact]
    public async Task A_waiting_reader_stops_when_cancelled()
    {
        using var arriving = new ArrivingBytes(100, "test");
        using var cancel = new CancellationTokenSource();
        var reading = Task.Run(() => arriving.OpenRead(cancel.Token).ReadExactly(new byte[10]));

        await Task.Delay(50);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Patience.Wait));
    }

    private static (byte[] Encoded, List<long> Rows) Encoded(int batches, int rowsEach)
    {
        var rows = Enumerable.Range(0, batches * rowsEach).Select(i => (long)i).ToList();
        var list = Enumerable.Range(0, batches).Select(b => new RecordBatch(Schema,
        [
            PrimitiveColumn<long>.From(DataType.Int64, rows.Skip(b * rowsEach).Take(rowsEach).ToArray()),
            BinaryColumn.FromStrings(Enumerable.Range(0, rowsEach).Select(i => i % 5 == 0 ? null : $"n{i}").ToArray()),
        ])).ToList();
        var output = new MemoryStream();
        ArrowIpc.WriteStream(output, Schema, list);
        list.ForEach(b => b.Dispose());
        return (output.ToArray(), rows);
    }
}
