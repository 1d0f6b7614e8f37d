using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;
using FramesNet.Tests.TestSupport;
using FsCheck.Fluent;

namespace FramesNet.Tests.Formats.Arrow;

/// <summary>Random tables written by Frames and read back by Frames hold the same schema and values (no node involved).</summary>
[Trait("Category", "Slow")]
public sealed class ArrowRoundTripTests
{
    [Fact]
    public void Any_table_round_trips_through_both_formats() =>
        Properties.Check(Prop.ForAll(RandomTables.Cases(), shape =>
        {
            var (schema, batches) = RandomTables.Build(shape);
            var bytes = Write(schema, batches, shape.Format);
            var (readSchema, readBatches) = Read(bytes, shape.Format, trickle: shape.Seed % 3 == 0);

            Assert.Equal(schema, readSchema);
            Assert.Equal(CanonicalJson.Write(schema, batches), CanonicalJson.Write(readSchema, readBatches));
            Assert.All(readBatches.SelectMany(b => b.Columns).Where(c => c.Type.Id == TypeId.Dictionary), c => Assert.IsType<DictionaryColumn>(c));
        }));

    internal static byte[] Write(Schema schema, IEnumerable<RecordBatch> batches, ArrowIpcFormat format)
    {
        var output = new MemoryStream();
        if (format == ArrowIpcFormat.File)
        {
            using var writer = new ArrowFileWriter(output, schema, leaveOpen: true);
            foreach (var batch in batches)
                writer.Write(batch);
        }
        else
        {
            using var writer = new ArrowStreamWriter(output, schema, leaveOpen: true);
            foreach (var batch in batches)
                writer.Write(batch);
        }
        return output.ToArray();
    }

    internal static (Schema Schema, List<RecordBatch> Batches) Read(byte[] bytes, ArrowIpcFormat format, bool trickle = false)
    {
        if (format == ArrowIpcFormat.File)
        {
            using var file = new ArrowFileReader(new MemoryStream(bytes));
            return (file.Schema, file.ReadAll().ToList());
        }
        using var stream = new ArrowStreamReader(trickle ? new TrickleStream(bytes) : new MemoryStream(bytes));
        return (stream.Schema, stream.ReadAll().ToList());
    }
}
