using FramesNet.Cluster;
using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;
using FramesNet.Expressions;
using FramesNet.Formats;
using FramesNet.Formats.Arrow;
using FramesNet.Physical;
using FramesNet.Plan;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;
using Schema = FramesNet.Columns.Schema;
using PartitionRef = FramesNet.Physical.PartitionRef;

namespace FramesNet.Tests.Execution;

/// <summary>
/// The encoding contract (docs/engine.md, "Encodings"): dictionary is a way to store a column, not a type, so every
/// operator, sink, writer, IPC round trip (spill, share, transfer), <see cref="Table"/> and whole query gives the
/// same result whether a partition's string and binary columns come plain or dictionary-encoded — any index type,
/// dictionaries with unused, repeated and null entries, shared or not, sliced, mixed within one partition — as for
/// the same rows plain (<see cref="EncodedBatches"/>).
/// </summary>
public class EncodingContractTests
{
    private static readonly Schema Input = EncodedBatches.Schema;
    private static int Cases => TestTier.Count(25, 400);

    private enum Order { Kept, Any }

    private sealed record OperatorCase(string Name, Func<PhysicalOperator[]> Make, Order Order, int[]? SortedColumns = null, bool SideInput = false);

    private static Schema ProjectSchema(params Expr[] expressions) =>
        new ProjectNode(new ScanNode(new MemorySource(Input, [])), expressions).Schema;

    private static readonly Expr[] Projection =
    [
        Col("k"), Col("s"), Col("s").Upper().Alias("u"), Coalesce(Col("t"), Col("s")).Alias("c"), Col("b"),
        When(Col("s") == "a").Then(Col("t")).Otherwise(Col("s")).Alias("w"), Col("t").Length().Alias("n"), (Col("s") == Col("t")).Alias("eq"),
    ];

    private static AggregateSpec[] StringAggregates =>
    [
        AggregateSpec.CountAll("n"), new(AggregateKind.Count, 2, "ct"), new(AggregateKind.Min, 2, "mn"), new(AggregateKind.Max, 2, "mx"),
        new(AggregateKind.First, 2, "f"), new(AggregateKind.Last, 2, "l"), new(AggregateKind.CountDistinct, 2, "cd"),
        new(AggregateKind.Min, 3, "mb"), new(AggregateKind.CountDistinct, 1, "cs"),
    ];

    private static AggregateOperator Aggregate(int[] keys, AggregateSpec[] specs, AggregateMode mode) => new(Input, keys, specs, mode, null);

    private static readonly OperatorCase[] Operators =
    [
        new("filter on strings", () => [new FilterOperator(Input, (Col("s") == "a") | Col("t").StartsWith("b") | (Col("s") == Col("t")))], Order.Kept),
        new("filter on nulls", () => [new FilterOperator(Input, Col("s").IsNull() & Col("b").IsNotNull())], Order.Kept),
        new("project", () => [new ProjectOperator(Input, Projection, ProjectSchema(Projection))], Order.Kept),
        new("limit", () => [new LimitOperator(Input, 7)], Order.Kept),
        new("group by a string", () => [Aggregate([1], StringAggregates, AggregateMode.Single)], Order.Any),
        new("group by two strings and binary", () => [Aggregate([1, 2, 3], [AggregateSpec.CountAll("n"), new(AggregateKind.Max, 2, "mx")], AggregateMode.Single)], Order.Any),
        new("group by a number, string aggregates", () => [Aggregate([0], StringAggregates, AggregateMode.Single)], Order.Any),
        new("partial then final", () => [Aggregate([1], StringAggregates, AggregateMode.Partial), Aggregate([1], StringAggregates, AggregateMode.Final)], Order.Any),
        new("distinct", () => [Aggregate([0, 1, 2, 3, 4], [], AggregateMode.Single)], Order.Any),
        new("sort", () => [new SortOperator(Input, [new SortColumn(1, false, false), new SortColumn(2, true, true), new SortColumn(3, false, false)], "s, t")], Order.Any, [1, 2, 3]),
        new("top k", () => [new TopKOperator(Input, [new SortColumn(2, true, false), new SortColumn(1, false, true)], 5, "t, s")], Order.Any, [2, 1]),
        new("sort boundaries", () => [new SortBoundariesOperator(Input, [new SortColumn(1, false, false), new SortColumn(3, true, false)], 4, "s, b")], Order.Kept),
        new("map partitions", () => [new MapPartitionsOperator(b => b, Input, "identity")], Order.Kept),
    ];

    private static (Schema, IReadOnlyList<RecordBatch>) ReadParquetFile(string path)
    {
        using var reader = TableFileReader.Open(path);
        return (reader.Schema, reader.ReadBatches().ToList());
    }

    [Fact]
    public void Every_operator_gives_for_encoded_strings_what_it_gives_for_plain_ones()
    {
        var joins = Enum.GetValues<JoinType>().SelectMany(type => new[] { JoinSide.Left, JoinSide.Right }.SelectMany(build => new[]
        {
            new OperatorCase($"{type} join on s, build {build}", () => [new HashJoinOperator(Input, [1], Input, [1], type, build, 0)], Order.Any, SideInput: true),
            new OperatorCase($"{type} join on (t, k) = (s, k), build {build}", () => [new HashJoinOperator(Input, [2, 0], Input, [1, 0], type, build, 0)], Order.Any, SideInput: true),
            new OperatorCase($"{type} join on b, build {build}", () => [new HashJoinOperator(Input, [3], Input, [3], type, build, 0)], Order.Any, SideInput: true),
        }));
        foreach (var @case in Operators.Concat(joins))
            for (var seed = 0; seed < Cases; seed++)
            {
                var random = new Random(seed);
                var plain = EncodedBatches.Plain(random);
                var encoded = EncodedBatches.Encode(plain, random);
                var sidePlain = @case.SideInput ? EncodedBatches.Plain(random) : [];
                var sideEncoded = @case.SideInput ? EncodedBatches.Encode(sidePlain, random) : [];
                var what = $"{@case.Name}, seed {seed}";
                var ops = @case.Make();
                var expected = Run(ops, CollectSink.Instance, plain, @case.SideInput ? [sidePlain] : [])[0];
                var actual = Run(ops, CollectSink.Instance, encoded, @case.SideInput ? [sideEncoded] : [])[0];
                AssertConsistent(ops[^1].OutputSchema, actual, what);
                if (@case.Order == Order.Kept)
                    Same(EncodedBatches.Rows(expected), EncodedBatches.Rows(actual), what);
                else
                    Same(EncodedBatches.SortedRows(expected), EncodedBatches.SortedRows(actual), what);
                if (@case.SortedColumns is { } keys)
                    Same(EncodedBatches.Rows(expected.Select(b => b.Select(keys))), EncodedBatches.Rows(actual.Select(b => b.Select(keys))), $"{what} (order)");
            }
    }

    [Fact]
    public void Every_sink_cuts_encoded_strings_into_the_buckets_it_cuts_plain_ones_into()
    {
        var folder = Directory.CreateTempSubdirectory("frames-encoding-").FullName;
        try
        {
            var sorts = new[] { new SortColumn(1, false, false), new SortColumn(3, true, true) };
            var sinks = new (string Name, Func<int, TaskSink> Make, bool Boundaries)[]
            {
                ("collect", _ => CollectSink.Instance, false),
                ("hash on a string", _ => new HashPartitionSink([1], ["s"], 3), false),
                ("hash on strings and binary", _ => new HashPartitionSink([2, 1, 3], ["t", "s", "b"], 4), false),
                ("even split", _ => new EvenSplitSink(3), false),
                ("sample", _ => new SampleSink(5), false),
                ("range", _ => new RangePartitionSink(sorts, 3, "s, b", 0), true),
            };
            for (var seed = 0; seed < Cases; seed++)
            {
                var random = new Random(seed);
                var plain = EncodedBatches.Plain(random);
                var encoded = EncodedBatches.Encode(plain, random);
                var boundariesPlain = Run([new SortBoundariesOperator(Input, sorts, 3, "s, b")], CollectSink.Instance, EncodedBatches.Plain(random))[0];
                var boundaries = random.Next(2) == 0 ? boundariesPlain : boundariesPlain.Select(b => EncodedBatches.Encode([b], random)[0].WithNames(b.Schema)).ToList();
                foreach (var (name, make, needsBoundaries) in sinks)
                {
                    var expected = Run([], make(seed), plain, needsBoundaries ? [boundariesPlain] : []);
                    var actual = Run([], make(seed), encoded, needsBoundaries ? [boundaries] : []);
                    Assert.Equal(expected.Length, actual.Length);
                    for (var bucket = 0; bucket < expected.Length; bucket++)
                    {
                        AssertConsistent(Input, actual[bucket], $"{name}, seed {seed}, bucket {bucket}");
                        Same(EncodedBatches.Rows(expected[bucket]), EncodedBatches.Rows(actual[bucket]), $"{name}, seed {seed}, bucket {bucket}");
                    }
                }
                foreach (var format in Enum.GetValues<TableFormat>())
                {
                    var want = Path.Combine(folder, $"plain-{seed}-{format}");
                    var got = Path.Combine(folder, $"encoded-{seed}-{format}");
                    Run([], new WriteFileSink(want, format, 0, keepEmpty: true), plain);
                    Run([], new WriteFileSink(got, format, 0, keepEmpty: true), encoded);
                    var file = $"part-00000{TableFormats.Extension(format)}";
                    if (format == TableFormat.Csv)
                    {
                        Assert.Equal(File.ReadAllText(Path.Combine(want, file)), File.ReadAllText(Path.Combine(got, file)));
                        continue;
                    }
                    // A file written from a plan says what the plan says: utf8 and binary, plain.
                    var (schema, batches) = format == TableFormat.Parquet ? ReadParquetFile(Path.Combine(got, file)) : ArrowIpc.ReadFile(Path.Combine(got, file));
                    Assert.Equal(Input, schema);
                    Same(EncodedBatches.Rows(plain), EncodedBatches.Rows(batches), $"{format} file, seed {seed}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Arrow_IPC_carries_encoded_strings_through_files_streams_spill_share_and_transfer()
    {
        var dictionarySchema = new Schema(Input.Fields.Select(f => f.Type.Id is TypeId.Utf8 or TypeId.Binary ? f.WithType(DataType.Dictionary(DataType.Int32, f.Type)) : f));
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var plain = EncodedBatches.Plain(random);
            var encoded = EncodedBatches.Encode(plain, random);
            var want = EncodedBatches.Rows(plain);

            // Spill, share and transfer: the stream stores each field as the first batch does; its announced length is exact.
            using (var stream = new MemoryStream())
            {
                ArrowIpc.WritePartition(stream, Input, encoded);
                Assert.Equal(ArrowIpc.PartitionLength(Input, encoded), stream.Length);
                stream.Position = 0;
                var (schema, batches) = ArrowIpc.ReadStream(stream, "partition");
                Assert.True(Input.HasSameColumnsAs(schema));
                Same(want, EncodedBatches.Rows(batches), $"partition stream, seed {seed}");
            }
            var chunks = new ChunkCollector();
            await PartitionTransfer.WriteAsync(Input, encoded, chunks, null, CancellationToken.None);
            var (sent, received) = await PartitionTransfer.ReadAsync(chunks.Reader(), CancellationToken.None);
            Assert.True(Input.HasSameColumnsAs(sent));
            Same(want, EncodedBatches.Rows(received), $"transfer, seed {seed}");

            // Writers declaring a schema store every batch that way, plain or dictionary, stream or file.
            foreach (var declared in new[] { Input, dictionarySchema })
                foreach (var format in new[] { ArrowIpcFormat.Stream, ArrowIpcFormat.File })
                {
                    var path = Path.Combine(Path.GetTempPath(), $"frames-encoding-{Guid.NewGuid():N}");
                    try
                    {
                        ArrowIpc.WriteFile(path, declared, encoded, format);
                        var (schema, batches) = ArrowIpc.ReadFile(path);
                        Assert.Equal(declared, schema);
                        Same(want, EncodedBatches.Rows(batches), $"{format} declaring {(declared == Input ? "plain" : "dictionaries")}, seed {seed}");
                    }
                    finally
                    {
                        File.Delete(path);
                    }
                }
        }
    }

    [Fact]
    public void A_table_of_encoded_strings_reads_prints_and_concatenates_like_plain_ones()
    {
        for (var seed = 0; seed < Cases; seed++)
        {
            var random = new Random(seed);
            var plain = EncodedBatches.Plain(random);
            var encoded = EncodedBatches.Encode(plain, random);
            var expected = new Table(Input, plain);
            var actual = new Table(Input, encoded);

            Assert.Equal(expected.ToString(100), actual.ToString(100));
            Assert.Equal(expected.Select(r => r.ToString()), actual.Select(r => r.ToString()));
            for (var c = 0; c < Input.Count; c++)
                Assert.Equal(Enumerable.Range(0, (int)expected.RowCount).Select(expected.Column(c).GetValue), Enumerable.Range(0, (int)actual.RowCount).Select(actual.Column(c).GetValue));
            Same(EncodedBatches.Rows(plain), EncodedBatches.Rows(actual.ToDataFrame().Collect().Batches), $"table round trip, seed {seed}");
        }
    }

    [Fact]
    public void Whole_queries_over_encoded_strings_answer_as_over_plain_ones()
    {
        var folder = Directory.CreateTempSubdirectory("frames-encoding-").FullName;
        try
        {
            for (var seed = 0; seed < TestTier.Count(8, 150); seed++)
            {
                var random = new Random(seed);
                var context = FramesContext.Local with { Physical = PhysicalOptions.Default with { ShuffleBuckets = random.Next(1, 4), Combine = random.Next(2) == 0 ? CombineStrategy.Tree : CombineStrategy.Shuffle } };
                var plain = EncodedBatches.Plain(random, maxBatches: 6);
                var encoded = EncodedBatches.Encode(plain, random);
                var otherPlain = EncodedBatches.Plain(random);
                var otherEncoded = EncodedBatches.Encode(otherPlain, random);
                var partitions = random.Next(1, 4);
                var joinType = (FramesNet.Plan.JoinType)random.Next(6);
                DataFrame Frame(List<RecordBatch> batches) => FromBatches(Input, batches, context, partitions);
                DataFrame Other(List<RecordBatch> batches) => FromBatches(Input, batches, context, 2);
                var queries = new (string Name, Func<List<RecordBatch>, List<RecordBatch>, DataFrame> Query)[]
                {
                    ("group by", (a, _) => Frame(a).GroupBy("s").Agg(Count(), Col("t").Min().Alias("mn"), Col("t").CountDistinct().Alias("cd"))),
                    ("join then group by", (a, b) => Frame(a).Join(Other(b), "s").GroupBy("t").Agg(Count())),
                    ($"{joinType} join", (a, b) => Frame(a).Join(Other(b).Select("s", "b"), ["t"], ["s"], joinType)),
                    ("sort", (a, _) => Frame(a).Sort(SortKey.Asc("s"), SortKey.Desc("b"), SortKey.Asc("k"), SortKey.Asc("v"), SortKey.Asc("t"))),
                    ("distinct", (a, _) => Frame(a).Select("s", "b").Distinct()),
                    ("union and filter", (a, b) => Frame(a).Union(Other(b)).Filter(Col("s") != "b")),
                    ("repartition", (a, _) => Frame(a).Repartition(3, "t")),
                };
                foreach (var (name, query) in queries)
                {
                    var what = $"{name}, seed {seed}";
                    var expected = query(plain, otherPlain);
                    var actual = query(encoded, otherEncoded);
                    Same(EncodedBatches.SortedRows(expected.Collect().Batches), EncodedBatches.SortedRows(actual.Collect().Batches), what);
                    foreach (var format in new[] { TableFormat.Csv, TableFormat.ArrowFile })
                    {
                        var written = Path.Combine(folder, $"{seed}-{name}-{format}");
                        var files = format == TableFormat.Csv ? actual.WriteCsv(written) : actual.WriteArrow(written);
                        Assert.All(files, row => Assert.True(File.Exists((string)row["path"]!)));
                        if (format == TableFormat.Csv)
                        {
                            // CSV holds text: the same lines as written from plain strings (a group-by may order its groups otherwise).
                            var reference = Path.Combine(folder, $"{seed}-{name}-{format}-plain");
                            expected.WriteCsv(reference);
                            static string Lines(string file) => string.Join("\n", File.ReadAllLines(file).Take(1).Concat(File.ReadAllLines(file).Skip(1).Order(StringComparer.Ordinal)));
                            Assert.Equal(Directory.GetFiles(reference).Order().Select(Lines), Directory.GetFiles(written).Order().Select(Lines));
                            continue;
                        }
                        var back = ReadArrow(Path.Combine(written, "*.arrow")).Collect();
                        Assert.Equal(actual.Schema.Fields.Select(f => (f.Name, f.Type)), back.Schema.Fields.Select(f => (f.Name, f.Type)));
                        Same(EncodedBatches.SortedRows(expected.Collect().Batches), EncodedBatches.SortedRows(back.Batches), $"{what}, written as {format}");
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IReadOnlyList<RecordBatch>[] Run(PhysicalOperator[] ops, TaskSink sink, IReadOnlyList<RecordBatch> input, IReadOnlyList<IReadOnlyList<RecordBatch>>? sides = null)
    {
        sides ??= [];
        var task = new TaskNode(new TaskKey("contract"), 0, 0, new InputSource(Input), ops, sink, [new PartitionRef(new TaskKey("input"))],
            sides.Select((_, i) => (IReadOnlyList<PartitionRef>)[new PartitionRef(new TaskKey($"side{i}"))]).ToArray());
        return TaskRunner.Run(task, new TaskContext(task, [input], sides, new SharedTaskState(), CancellationToken.None));
    }

    /// <summary>Every batch stores what the plan's schema says: the same names and logical types.</summary>
    private static void AssertConsistent(Schema declared, IReadOnlyList<RecordBatch> batches, string what)
    {
        foreach (var batch in batches)
            Assert.True(declared.HasSameColumnsAs(batch.Schema), $"{what}: a batch has ({string.Join(", ", batch.Schema.Fields)}), the plan says ({string.Join(", ", declared.Fields)})");
    }

    private static void Same(List<string> expected, List<string> actual, string what) =>
        Assert.True(expected.SequenceEqual(actual), $"{what}\nexpected {expected.Count} rows: {string.Join("; ", expected.Take(40))}\nactual   {actual.Count} rows: {string.Join("; ", actual.Take(40))}");

    /// <summary>Collects what <see cref="PartitionTransfer.WriteAsync"/> sends and reads it back as the receiving side would.</summary>
    private sealed class ChunkCollector : IAsyncStreamWriter<PartitionChunk>
    {
        private readonly List<byte[]> _chunks = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(PartitionChunk message)
        {
            _chunks.Add(Google.Protobuf.MessageExtensions.ToByteArray(message));
            return Task.CompletedTask;
        }

        /// <summary>The chunks as the receiving side's marshaller reads them off the wire.</summary>
        public IAsyncStreamReader<ReceivedChunk> Reader() => new ChunkReader(_chunks);

        private sealed class ChunkReader(List<byte[]> chunks) : IAsyncStreamReader<ReceivedChunk>
        {
            private int _next = -1;

            public ReceivedChunk Current { get; private set; } = null!;

            public Task<bool> MoveNext(CancellationToken cancellationToken)
            {
                if (++_next >= chunks.Count)
                    return Task.FromResult(false);
                Current = ReceivedChunk.Parse(new System.Buffers.ReadOnlySequence<byte>(chunks[_next]));
                return Task.FromResult(true);
            }
        }
    }
}
