using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Plan;
using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// A cluster reads what Frames reads in-process — CSV, Arrow IPC and Parquet files (both formats, a folder's part files by
/// glob) — with the same answers, and refuses a relative path, which would mean the client's folder, not the workers'.
/// </summary>
public sealed class ClusterSourceTests : IClassFixture<TwoWorkerCluster>, IDisposable
{
    private readonly TwoWorkerCluster _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-cluster-sources-").FullName;

    public ClusterSourceTests(TwoWorkerCluster fixture) => _fixture = fixture;

    private static DataFrame Trips(int partitions) => FromColumns(FramesContext.Local, partitions,
        ("id", Enumerable.Range(0, 3000).Select(i => (long)i).ToArray()),
        ("vendor", Enumerable.Range(0, 3000).Select(i => $"v{i % 7}").ToArray()),
        ("fare", Enumerable.Range(0, 3000).Select(i => i * 0.5).ToArray()));

    private static DataFrame PerVendor(DataFrame trips) =>
        trips.GroupBy("vendor").Agg(Count().Alias("trips"), Col("fare").Sum().Alias("total")).Sort(SortKey.Asc("vendor"));

    [Fact]
    public async Task ReadArrow_answers_as_in_process_over_part_files_of_both_ipc_formats()
    {
        var parts = Path.Combine(_folder, "parts");
        Trips(3).WriteArrow(parts);
        var stream = Trips(1).Filter(Col("id") < 500).Collect();
        ArrowIpc.WriteFile(Path.Combine(parts, "part-extra.arrows"), stream.Schema, stream.Batches, ArrowIpcFormat.Stream);
        var glob = Path.Combine(parts, "part-*");
        var cluster = await _fixture.ClientAsync();

        var onCluster = await PerVendor(await cluster.ReadArrowAsync(glob)).CollectAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var inProcess = PerVendor(ReadArrow(glob)).Collect();

        Assert.Equal(7, onCluster.RowCount);
        Assert.Equal(inProcess.Select(r => (r["vendor"], r["trips"], r["total"])), onCluster.Select(r => (r["vendor"], r["trips"], r["total"])));
        Assert.Equal(3500L, onCluster.Sum(r => (long)r["trips"]!));
    }

    [Fact]
    public async Task ReadParquet_answers_as_in_process_and_prunes_row_groups_before_placing_tasks()
    {
        var parts = Path.Combine(_folder, "parquet");
        Trips(3).WriteParquet(parts, new FramesNet.Formats.Parquet.ParquetWriteOptions { RowGroupRows = 250 });
        var cluster = await _fixture.ClientAsync();

        var frame = (await cluster.ReadParquetAsync(parts)).Filter(Col("id") >= 2500);
        var explain = frame.Explain();
        var onCluster = await PerVendor(frame).CollectAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var inProcess = PerVendor(ReadParquet(parts).Filter(Col("id") >= 2500)).Collect();

        Assert.Contains("row-group filter [id >= 2500]: 10 of 12 row groups skipped", explain);
        Assert.Equal(inProcess.Select(r => (r["vendor"], r["trips"], r["total"])), onCluster.Select(r => (r["vendor"], r["trips"], r["total"])));
        Assert.Equal(500L, onCluster.Sum(r => (long)r["trips"]!));
    }

    [Fact]
    public async Task A_file_that_is_not_arrow_or_has_other_columns_fails_naming_it()
    {
        var notArrow = Path.Combine(_folder, "really.arrow");
        File.WriteAllBytes(notArrow, [.. "PAR1"u8, 0x15, 0x04, 0x15, 0x80, .. "PAR1"u8]);
        var mixed = Directory.CreateDirectory(Path.Combine(_folder, "mixed")).FullName;
        var a = Trips(1).Collect();
        var b = FromColumns(("other", new[] { 1.5, 2.5 })).Collect();
        ArrowIpc.WriteFile(Path.Combine(mixed, "a.arrow"), a.Schema, a.Batches);
        ArrowIpc.WriteFile(Path.Combine(mixed, "b.arrow"), b.Schema, b.Batches);
        var cluster = await _fixture.ClientAsync();

        var schemaError = await Assert.ThrowsAsync<RpcException>(() => cluster.ReadArrowAsync(notArrow).WaitAsync(Patience.Wait));
        var bothFiles = await cluster.ReadArrowAsync(Path.Combine(mixed, "*.arrow"));
        var jobError = await Assert.ThrowsAsync<ClusterJobException>(() => bothFiles.CollectAsync().WaitAsync(Patience.Wait));

        Assert.Contains($"{notArrow}: at byte 0: not an Arrow IPC file or stream: it starts with 50 41 52 31", schemaError.Message);
        Assert.Contains("which looks like Parquet", schemaError.Message);
        Assert.Contains($"{Path.Combine(mixed, "b.arrow")} has columns (other: float64", jobError.Message);
    }

    [Theory]
    [InlineData("data/trips.csv")]
    [InlineData("trips-*.csv")]
    [InlineData("./parts")]
    [InlineData("../data/x.arrow")]
    public async Task A_relative_path_is_refused_saying_paths_are_as_the_workers_see_them(string relative)
    {
        var cluster = await _fixture.ClientAsync();

        var csv = await Assert.ThrowsAsync<ArgumentException>(() => cluster.ReadCsvAsync(relative));
        var arrow = await Assert.ThrowsAsync<ArgumentException>(() => cluster.ReadArrowAsync(relative));

        Assert.StartsWith($"cluster.ReadCsv(\"{relative}\"): the path is relative; paths must be absolute as the workers see them", csv.Message);
        Assert.StartsWith($"cluster.ReadArrow(\"{relative}\"): the path is relative; paths must be absolute as the workers see them", arrow.Message);
    }

    [Fact]
    public async Task ReadCsv_still_answers_as_in_process()
    {
        var parts = Path.Combine(_folder, "csv");
        Trips(2).WriteCsv(parts);
        var glob = Path.Combine(parts, "*.csv");
        var cluster = await _fixture.ClientAsync();

        var onCluster = await PerVendor(await cluster.ReadCsvAsync(glob)).CollectAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(PerVendor(ReadCsv(glob)).Collect().Select(r => (r["vendor"], r["trips"], r["total"])),
            onCluster.Select(r => (r["vendor"], r["trips"], r["total"])));
    }

    [Fact]
    public async Task A_folder_of_part_files_reads_by_its_name_each_reader_taking_its_own_files()
    {
        var parts = Path.Combine(_folder, "mixed-parts");
        Trips(3).WriteCsv(parts);
        Trips(3).WriteArrow(parts + "-arrow");
        foreach (var file in Directory.GetFiles(parts + "-arrow"))
            File.Move(file, Path.Combine(parts, Path.GetFileName(file)));
        var cluster = await _fixture.ClientAsync();

        var fromCsv = await PerVendor(await cluster.ReadCsvAsync(parts)).CollectAsync().WaitAsync(Patience.Wait);
        var fromArrow = await PerVendor(await cluster.ReadArrowAsync(parts)).CollectAsync().WaitAsync(Patience.Wait);

        var expected = PerVendor(ReadArrow(parts)).Collect().Select(r => (r["vendor"], r["trips"], r["total"])).ToList();
        Assert.Equal(expected, fromCsv.Select(r => (r["vendor"], r["trips"], r["total"])));
        Assert.Equal(expected, fromArrow.Select(r => (r["vendor"], r["trips"], r["total"])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ts,n\n")]
    public async Task ReadCsv_infers_the_schema_from_the_same_sample_as_in_process_when_the_first_files_hold_no_rows(string first)
    {
        // Found by the oracle: the cluster inferred from the first file alone, an empty one, and read utf8.
        var parts = Directory.CreateDirectory(Path.Combine(_folder, "sparse")).FullName;
        File.WriteAllText(Path.Combine(parts, "a.csv"), first);
        File.WriteAllText(Path.Combine(parts, "b.csv"), "ts,n\n");
        File.WriteAllText(Path.Combine(parts, "c.csv"), "ts,n\n2020-12-08T09:26:42.453192,5\n2021-01-01T00:00:00,7\n");
        var glob = Path.Combine(parts, "*.csv");
        var cluster = await _fixture.ClientAsync();

        var onCluster = await cluster.ReadCsvAsync(glob);

        Assert.Equal(ReadCsv(glob).Schema.ToString(), onCluster.Schema.ToString());
        Assert.Equal(DataType.Timestamp(TimeUnit.Microsecond), onCluster.Schema["ts"].Type);
        Assert.Equal(12, (await onCluster.Agg(Col("n").Sum().Alias("total")).CollectAsync().WaitAsync(Patience.Wait)).Get<long>(0, "total"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
