using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FramesNet.Columns;
using FramesNet.Interop;
using A = Apache.Arrow;
using AC = Apache.Arrow.C;
using AT = Apache.Arrow.Types;
using static FramesNet.Frames;

namespace FramesNet.Tests.Interop;

/// <summary>
/// Frames and Apache.Arrow hand batches to each other without copying values: the same memory address on both
/// sides, and each side's memory released when the other lets go (native memory from Apache.Arrow's allocator and
/// from the C data interface included).
/// </summary>
public sealed class ApacheArrowExchangeTests
{
    [Fact]
    public void ToFrames_wraps_native_memory_without_copying_and_releases_it_when_Frames_lets_go()
    {
        var allocator = new CountingAllocator();
        var apache = NativeBatch(allocator);
        Assert.True(allocator.Outstanding > 0);

        var frames = ApacheArrow.ToFrames(apache);
        var values = (PrimitiveColumn<long>)frames.Column("x");
        Assert.Equal(Address(((A.Int64Array)apache.Column(0)).Values), Address(values.Values));
        Assert.True(values.ValueBuffer.Owner!.IsForeign);
        Assert.Equal([1L, null, 3L, 4L], Enumerable.Range(0, 4).Select(values.GetNullable));
        Assert.Equal(["a", "bb", null, "dddd"], Enumerable.Range(0, 4).Select(((BinaryColumn)frames.Column("s")).GetNullableString));

        var slice = frames.Slice(1, 2);
        frames.Dispose();
        Assert.True(allocator.Outstanding > 0, "the slice still holds the Apache.Arrow memory");
        Assert.Equal("bb", ((BinaryColumn)slice.Column("s")).GetString(0));

        slice.Dispose();
        Assert.Equal(0, allocator.Outstanding);
    }

    [Fact]
    public unsafe void Batches_from_the_C_data_interface_are_wrapped_without_copying()
    {
        var allocator = new CountingAllocator();
        var original = NativeBatch(allocator);
        var address = Address(((A.Int64Array)original.Column(0)).Values);
        var exported = AC.CArrowArray.Create();
        try
        {
            AC.CArrowArrayExporter.ExportRecordBatch(original, exported);
            var imported = AC.CArrowArrayImporter.ImportRecordBatch(exported, original.Schema);
            original.Dispose();
            Assert.True(allocator.Outstanding > 0, "the exported array holds the memory");

            using (var frames = ApacheArrow.ToFrames(imported))
            {
                Assert.Equal(address, Address(((PrimitiveColumn<long>)frames.Column("x")).Values));
                Assert.Equal("dddd", ((BinaryColumn)frames.Column("s")).GetString(3));
            }
            Assert.Equal(0, allocator.Outstanding);
        }
        finally
        {
            AC.CArrowArray.Free(exported);
        }
    }

    [Fact]
    public unsafe void A_table_leaves_through_the_C_data_interface_without_copying_and_outlives_its_disposal()
    {
        var column = PrimitiveColumn<long>.From(DataType.Int64, [10, 20, 30], [true, false, true]);
        var schema = new Schema(new Field("x", DataType.Int64), new Field("s", DataType.Utf8));
        var table = new Table(schema, [new RecordBatch(schema, [column, BinaryColumn.FromStrings(["p", "q", null])])]);
        var address = Address(column.Values);
        var exported = AC.CArrowArray.Create();
        var exportedSchema = AC.CArrowSchema.Create();
        try
        {
            var batch = table.ToArrowBatches()[0];
            AC.CArrowSchemaExporter.ExportSchema(batch.Schema, exportedSchema);
            AC.CArrowArrayExporter.ExportRecordBatch(batch, exported);
            table.Dispose();

            // The consumer side: what a native library receiving the two structs sees.
            using var imported = AC.CArrowArrayImporter.ImportRecordBatch(exported, AC.CArrowSchemaImporter.ImportSchema(exportedSchema));
            var x = (A.Int64Array)imported.Column(0);
            Assert.Equal(address, Address(x.Values));
            Assert.Equal([10L, null, 30L], x.ToList(includeNulls: true));
            Assert.Equal(["p", "q", null], Enumerable.Range(0, 3).Select(i => ((A.StringArray)imported.Column(1)).GetString(i)));
        }
        finally
        {
            AC.CArrowArray.Free(exported);
            AC.CArrowSchema.Free(exportedSchema);
        }
    }

    [Fact]
    public void FromArrow_runs_a_frame_over_Apache_Arrow_batches()
    {
        var allocator = new CountingAllocator();
        var batches = new[] { NativeBatch(allocator), NativeBatch(allocator).Slice(2, 2) };

        var table = FromArrow(batches).Filter(Col("x") > 1).Sort("x").Collect();

        Assert.Equal([3L, 3L, 4L, 4L], table.Select(r => (long)r["x"]!));
        Assert.Equal([null, null, "dddd", "dddd"], table.Select(r => (string?)r["s"]));
    }

    [Fact]
    public void FromArrow_over_an_Apache_Arrow_Table_cuts_batches_where_every_column_chunk_lines_up()
    {
        // x in chunks of 3 and 2 rows, s in chunks of 1, 0 and 4: rows 0, 1–2 and 3–4 are the batches.
        var x1 = new A.Int64Array.Builder().Append(1).Append(2).AppendNull().Build();
        var x2 = new A.Int64Array.Builder().Append(4).Append(5).Build();
        var s1 = new A.StringArray.Builder().Append("a").Build();
        var s2 = new A.StringArray.Builder().Build();
        var s3 = new A.StringArray.Builder().Append("b").AppendNull().Append("d").Append("e").Build();
        var schema = new A.Schema([new A.Field("x", AT.Int64Type.Default, true), new A.Field("s", AT.StringType.Default, true)], null);
        var table = new A.Table(schema, new List<A.Column>
        {
            new(schema.FieldsList[0], [x1, x2]),
            new(schema.FieldsList[1], [s1, s2, s3]),
        });

        var frame = FromArrow(table);
        using var collected = frame.Collect();

        Assert.Equal([1L, 2L, null, 4L, 5L], collected.Select(r => (long?)r["x"]));
        Assert.Equal(["a", "b", null, "d", "e"], collected.Select(r => (string?)r["s"]));
        Assert.Equal([1, 2, 2], collected.Batches.Select(b => b.Length));
        Assert.Equal(Address(x1.Values), Address(((PrimitiveColumn<long>)collected.Batches[0].Column("x")).Values));
        Assert.Equal(Address(x2.Values), Address(((PrimitiveColumn<long>)collected.Batches[2].Column("x")).Values));
        Assert.Equal(4L, frame.Filter(Col("s").IsNotNull()).Count());
    }

    [Fact]
    public void A_table_goes_to_an_Apache_Arrow_Table_and_back_unchanged()
    {
        // The fixture's empty batch is an empty chunk in the Apache.Arrow table, which makes no batch coming back.
        var expected = Formats.Arrow.Support.EveryTypeTable.Expected().Where(batch => batch[0].Length > 0).ToList();
        var schema = Formats.Arrow.Support.EveryTypeTable.Schema;
        var apache = new Table(schema, Formats.Arrow.Support.EveryTypeTable.FramesBatches()).ToArrow();

        using var back = FromArrow(apache).Collect();

        // A frame's schema gives logical types: a dictionary-encoded column is its value type.
        Assert.Equal(schema.Fields.Select(f => f.Name), back.Schema.Fields.Select(f => f.Name));
        Formats.Arrow.Support.EveryTypeTable.AssertCells(expected, back.Batches.Select(Formats.Arrow.Support.ApachePeer.Cells).ToList(), schema, "ToArrow then FromArrow(Table)");
    }

    [Fact]
    public void FromArrow_reads_an_Apache_Arrow_IPC_stream_and_refuses_what_Frames_does_not_hold()
    {
        var written = NativeBatch(new CountingAllocator());
        var bytes = Formats.Arrow.ApacheArrowIpcConformanceTests.ApacheWrite([written], written.Schema, FramesNet.Formats.Arrow.ArrowIpcFormat.Stream);
        using var reader = new A.Ipc.ArrowStreamReader(new MemoryStream(bytes));
        Assert.Equal(8L, FromArrow(reader).Agg(Col("x").Sum().Alias("sum")).Collect().Get<long>(0, "sum"));

        var decimals = new A.Decimal128Array.Builder(new AT.Decimal128Type(10, 2)).Append(1.5m).Build();
        var batch = new A.RecordBatch(new A.Schema([new A.Field("price", decimals.Data.DataType, true)], null), [decimals], 1);
        var error = Assert.Throws<NotSupportedException>(() => FromArrow([batch]));
        Assert.Contains("'price'", error.Message);
        Assert.Contains("Decimal128", error.Message);
    }

    [Fact]
    public void Every_shared_type_crosses_in_memory_both_ways()
    {
        var expected = Formats.Arrow.Support.EveryTypeTable.Expected();
        var schema = Formats.Arrow.Support.EveryTypeTable.Schema;

        var toApache = new Table(schema, Formats.Arrow.Support.EveryTypeTable.FramesBatches()).ToArrowBatches();
        Formats.Arrow.Support.EveryTypeTable.AssertCells(expected, toApache.Select(Formats.Arrow.Support.ApachePeer.Cells).ToList(), schema, "ToArrow");
        Assert.Equal(schema, ApacheArrow.ToFrames(toApache[0].Schema));

        var toFrames = Formats.Arrow.Support.EveryTypeTable.ApacheBatches().Select(ApacheArrow.ToFrames).ToList();
        Formats.Arrow.Support.EveryTypeTable.AssertCells(expected, toFrames.Select(Formats.Arrow.Support.ApachePeer.Cells).ToList(), schema, "ToFrames");
        Assert.All(toFrames, b => Assert.Equal(schema, b.Schema));

        var back = toApache.Select(ApacheArrow.ToFrames).ToList();
        Formats.Arrow.Support.EveryTypeTable.AssertCells(expected, back.Select(Formats.Arrow.Support.ApachePeer.Cells).ToList(), schema, "ToArrow then ToFrames");
    }

    [Fact]
    public void ToArrow_views_the_table_buffers_without_copying()
    {
        var batch = new RecordBatch(new Schema(new Field("x", DataType.Int64), new Field("s", DataType.Utf8)),
            [PrimitiveColumn<long>.From(DataType.Int64, [5, 6, 7], [true, false, true]), BinaryColumn.FromStrings(["p", null, "qq"])]);
        var table = new Table(batch.Schema, [batch, batch.Slice(1, 2)]);

        var apache = table.ToArrowBatches();

        Assert.Equal(Address(((PrimitiveColumn<long>)batch.Column(0)).Values), Address(((A.Int64Array)apache[0].Column(0)).Values));
        Assert.Equal([5L, null, 7L], ((A.Int64Array)apache[0].Column(0)).ToList(includeNulls: true));
        Assert.Equal([null, "qq"], Enumerable.Range(0, 2).Select(i => ((A.StringArray)apache[1].Column(1)).GetString(i)));
        var whole = table.ToArrow();
        Assert.Equal(5, whole.RowCount);
        Assert.Equal(2, whole.Column(0).Data.ArrayCount);
        Assert.Equal("s", whole.Schema.FieldsList[1].Name);
    }

    [Fact]
    public void ToArrow_batches_hold_the_Frames_memory_until_they_are_collected()
    {
        var column = PrimitiveColumn<long>.From(DataType.Int64, Enumerable.Range(0, 2048).Select(i => (long)i).ToArray());
        var owner = column.ValueBuffer.Owner!;
        var table = new Table(new Schema(new Field("x", DataType.Int64)), [new RecordBatch(new Schema(new Field("x", DataType.Int64)), [column])]);
        Assert.Equal(1, owner.References);

        var view = ExportAndDisposeTable(table, owner);
        Assert.Equal(0, owner.References);
        Assert.False(view.TryGetTarget(out _));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<A.RecordBatch> ExportAndDisposeTable(Table table, FramesNet.Memory.BufferOwner owner)
    {
        var apache = ExportAndDispose(table, owner);
        // Only the Apache.Arrow batch holds the block now; once it is collected the block is let go.
        for (var i = 0; i < 10 && owner.References > 0; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return apache;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<A.RecordBatch> ExportAndDispose(Table table, FramesNet.Memory.BufferOwner owner)
    {
        var apache = table.ToArrowBatches()[0];
        Assert.Equal(2, owner.References);
        table.Dispose();
        Assert.Equal(1, owner.References);
        Assert.Equal(2047L, ((A.Int64Array)apache.Column(0)).GetValue(2047));
        apache.Dispose(); // allowed, and frees nothing
        Assert.Equal(1, owner.References);
        return new WeakReference<A.RecordBatch>(apache);
    }

    [Fact]
    public void MapArrowPartitions_passes_Frames_buffers_in_and_takes_the_result_back_without_copying()
    {
        var source = PrimitiveColumn<long>.From(DataType.Int64, [1, 2, 3, 4]);
        var schema = new Schema(new Field("x", DataType.Int64));
        var allocator = new CountingAllocator();
        var made = new List<nint>();

        var table = FromBatches(schema, [new RecordBatch(schema, [source])])
            .MapArrowPartitions(batch =>
            {
                var x = (A.Int64Array)batch.Column(0);
                var doubled = new A.Int64Array.Builder().AppendRange(x.Values.ToArray().Select(v => v * 2)).Build(allocator);
                lock (made)
                    made.Add(Address(doubled.Values));
                return new A.RecordBatch.Builder().Append("x", false, x).Append("y", false, doubled).Build();
            })
            .Collect();

        Assert.Equal([2L, 4L, 6L, 8L], table.Select(r => (long)r["y"]!));
        var x = (PrimitiveColumn<long>)table.Batches[0].Column("x");
        var y = (PrimitiveColumn<long>)table.Batches[0].Column("y");
        Assert.Same(source.ValueBuffer.Owner, x.ValueBuffer.Owner);
        Assert.Contains(Address(y.Values), made);
        Assert.True(y.ValueBuffer.Owner!.IsForeign);

        var references = y.ValueBuffer.Owner!.References;
        table.Dispose();
        Assert.True(allocator.Outstanding == 0, $"{allocator.Outstanding} of {made.Count} blocks outstanding; y held {references} times");
    }

    private static A.RecordBatch NativeBatch(CountingAllocator allocator) =>
        new A.RecordBatch.Builder(allocator)
            .Append("x", true, new A.Int64Array.Builder().Append(1).AppendNull().Append(3).Append(4).Build(allocator))
            .Append("s", true, new A.StringArray.Builder().Append("a").Append("bb").AppendNull().Append("dddd").Build(allocator))
            .Build();

    private static unsafe nint Address<T>(ReadOnlySpan<T> span) where T : unmanaged =>
        (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}
