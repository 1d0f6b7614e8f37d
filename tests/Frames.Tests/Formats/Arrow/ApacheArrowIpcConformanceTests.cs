using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;
using FramesNet.Tests.TestSupport;
using FsCheck.Fluent;
using A = Apache.Arrow;
using AI = Apache.Arrow.Ipc;

namespace FramesNet.Tests.Formats.Arrow;

/// <summary>
/// Apache.Arrow C# as a third IPC conformance peer (beside the JavaScript reference): what it writes Frames reads,
/// and what Frames writes it reads, compared cell by cell against literal expectations, in both IPC formats, for
/// every type both hold (see the matrix in docs/arrow-ipc.md), with nulls, sliced buffers, dictionaries, several
/// batches and an empty one.
/// </summary>
public sealed class ApacheArrowIpcConformanceTests
{
    public static TheoryData<ArrowIpcFormat> Formats => new() { ArrowIpcFormat.Stream, ArrowIpcFormat.File };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Frames_reads_what_Apache_Arrow_writes(ArrowIpcFormat format)
    {
        var bytes = ApacheWrite(EveryTypeTable.ApacheBatches(), EveryTypeTable.ApacheSchema, format);

        var (schema, batches) = ArrowRoundTripTests.Read(bytes, format);

        Assert.Equal(EveryTypeTable.Schema, schema);
        EveryTypeTable.AssertCells(EveryTypeTable.Expected(), batches.Select(ApachePeer.Cells).ToList(), schema, $"{format} written by Apache.Arrow");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Apache_Arrow_reads_what_Frames_writes(ArrowIpcFormat format)
    {
        var bytes = ArrowRoundTripTests.Write(EveryTypeTable.Schema, EveryTypeTable.FramesBatches(), format);

        var (schema, batches) = ApacheRead(bytes, format);

        Assert.Equal(EveryTypeTable.Schema, FramesNet.Interop.ApacheArrow.ToFrames(schema));
        EveryTypeTable.AssertCells(EveryTypeTable.Expected(), batches.Select(ApachePeer.Cells).ToList(), EveryTypeTable.Schema, $"{format} written by Frames");
    }

    [Fact]
    public void The_literal_batches_hold_the_expected_cells_on_both_sides()
    {
        // Guards the two builders the tests above start from, so a wrong expectation cannot pass on both sides at once.
        EveryTypeTable.AssertCells(EveryTypeTable.Expected(), EveryTypeTable.FramesBatches().Select(ApachePeer.Cells).ToList(), EveryTypeTable.Schema, "Frames-built");
        EveryTypeTable.AssertCells(EveryTypeTable.Expected(), EveryTypeTable.ApacheBatches().Select(ApachePeer.Cells).ToList(), EveryTypeTable.Schema, "Apache-built");
    }

    /// <summary>Random tables (every type, slices, shared/growing/per-batch dictionaries) through Apache.Arrow both ways.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Random_tables_cross_between_Frames_and_Apache_Arrow() =>
        Properties.Check(Prop.ForAll(RandomTables.Cases(), shape =>
        {
            var (schema, batches) = RandomTables.Build(shape);
            var expected = batches.Select(ApachePeer.Cells).ToList();

            var (readSchema, apacheBatches) = ApacheRead(ArrowRoundTripTests.Write(schema, batches, shape.Format), shape.Format);
            Assert.Equal(schema, FramesNet.Interop.ApacheArrow.ToFrames(readSchema));
            EveryTypeTable.AssertCells(expected, apacheBatches.Select(ApachePeer.Cells).ToList(), schema, $"{shape}: written by Frames");

            // Apache.Arrow C# 23 writes only the first dictionary of a field and drops later ones (replacements and
            // deltas), so a later batch reads back wrong, in its own reader too: that direction is checked where the
            // dictionaries are the same in every batch (docs/arrow-ipc.md, conformance matrix).
            var changingDictionaries = shape.Mode != DictionaryMode.Shared && batches.Count > 1 && schema.Fields.Any(f => f.Type.Id == TypeId.Dictionary);
            if (!changingDictionaries)
            {
                var apacheSchema = ApachePeer.Schema(schema);
                var written = ApacheWrite(batches.Select(b => ApachePeer.Batch(b, apacheSchema)).ToList(), apacheSchema, shape.Format);
                var (framesSchema, framesBatches) = ArrowRoundTripTests.Read(written, shape.Format);
                Assert.Equal(schema, framesSchema);
                EveryTypeTable.AssertCells(expected, framesBatches.Select(ApachePeer.Cells).ToList(), schema, $"{shape}: written by Apache.Arrow");
            }
        }), maxTests: TestTier.Count(30, 300));

    internal static byte[] ApacheWrite(IReadOnlyList<A.RecordBatch> batches, A.Schema schema, ArrowIpcFormat format)
    {
        var output = new MemoryStream();
        using (var writer = format == ArrowIpcFormat.File
                   ? new AI.ArrowFileWriter(output, schema, leaveOpen: true)
                   : new AI.ArrowStreamWriter(output, schema, leaveOpen: true))
        {
            writer.WriteStart();
            foreach (var batch in batches)
                writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return output.ToArray();
    }

    internal static (A.Schema Schema, List<A.RecordBatch> Batches) ApacheRead(byte[] bytes, ArrowIpcFormat format)
    {
        using var reader = format == ArrowIpcFormat.File
            ? new AI.ArrowFileReader(new MemoryStream(bytes))
            : new AI.ArrowStreamReader(new MemoryStream(bytes));
        var batches = new List<A.RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch)
            batches.Add(batch);
        return (reader.Schema, batches);
    }
}
