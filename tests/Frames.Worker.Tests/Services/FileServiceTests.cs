using FramesNet.Rpc;
using Grpc.Core;
using FramesNet.Rpc.Protocol;
using FramesNet.Worker.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Worker.Tests.Services;

public class FileServiceTests
{
    [Fact]
    public async Task ListFiles_answers_the_matching_files_under_the_data_roots_with_size_and_time()
    {
        using var folder = new TestFolder();
        var inside = folder.Folder("inside");
        var a = folder.File("inside/a.csv", "x\n1\n");
        var b = folder.File("inside/sub/b.csv", "x\n1\n2\n");
        folder.File("inside/c.txt", "not csv");
        folder.File("outside/d.csv", "x\n");
        await using var worker = await TestWorker.StartAsync(o => o with { DataRoots = [inside] });

        var reply = await WorkerApi.Client(worker.Channel).ListFilesAsync(new ListFilesRequest { Pattern = Path.Combine(folder.Path, "**", "*.csv") }).ResponseAsync;

        Assert.Equal([a, b], reply.Files.Select(f => f.Path));
        Assert.Equal([4L, 6L], reply.Files.Select(f => f.Size));
        Assert.Equal(File.GetLastWriteTimeUtc(a).Ticks, reply.Files[0].ModifiedTicks);
    }

    [Fact]
    public async Task ListFiles_outside_the_data_roots_answers_nothing()
    {
        using var folder = new TestFolder();
        var inside = folder.Folder("inside");
        folder.File("outside/d.csv", "x\n");
        await using var worker = await TestWorker.StartAsync(o => o with { DataRoots = [inside] });

        var reply = await WorkerApi.Client(worker.Channel).ListFilesAsync(new ListFilesRequest { Pattern = Path.Combine(folder.Path, "outside", "*.csv") }).ResponseAsync;

        Assert.Empty(reply.Files);
    }

    [Fact]
    public async Task ListFiles_without_roots_sees_every_file_and_no_match_is_an_empty_answer()
    {
        using var folder = new TestFolder();
        var a = folder.File("a.csv", "x\n");
        await using var worker = await TestWorker.StartAsync();

        var all = await WorkerApi.Client(worker.Channel).ListFilesAsync(new ListFilesRequest { Pattern = Path.Combine(folder.Path, "*.csv") }).ResponseAsync;
        var none = await WorkerApi.Client(worker.Channel).ListFilesAsync(new ListFilesRequest { Pattern = Path.Combine(folder.Path, "missing", "*.csv") }).ResponseAsync;

        Assert.Equal([a], all.Files.Select(f => f.Path));
        Assert.Empty(none.Files);
    }

    [Fact]
    public async Task ListFiles_refuses_a_relative_pattern()
    {
        await using var worker = await TestWorker.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => WorkerApi.Client(worker.Channel).ListFilesAsync(new ListFilesRequest { Pattern = "data/*.csv" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("data/*.csv", error.Detail);
    }

    [Fact]
    public async Task DescribeFiles_csv_reads_the_header_and_the_types()
    {
        using var folder = new TestFolder();
        var path = folder.File("t.csv", "id,name,price\n1,a,2.5\n2,b,3\n");
        await using var worker = await TestWorker.StartAsync();

        var reply = await WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { path }, Options = new CsvOptions { HasHeader = true }.ToByteString() }).ResponseAsync;

        Assert.Equal(["id", "name", "price"], reply.Schema.Fields.Select(f => f.Name));
        Assert.Equal(["int64", "utf8", "float64"], reply.Schema.Fields.Select(f => f.Type));
    }

    [Fact]
    public async Task DescribeFiles_csv_of_a_missing_file_is_NOT_FOUND_naming_it()
    {
        using var folder = new TestFolder();
        var missing = Path.Combine(folder.Path, "missing.csv");
        await using var worker = await TestWorker.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { missing } }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains(missing, error.Detail);
    }

    [Fact]
    public async Task DescribeFiles_csv_of_malformed_CSV_is_INVALID_ARGUMENT_with_the_reader_message()
    {
        using var folder = new TestFolder();
        var path = folder.File("bad.csv", "a,b\n1,\"unterminated\n");
        await using var worker = await TestWorker.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { path }, Options = new CsvOptions { HasHeader = true }.ToByteString() }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("bad.csv", error.Detail);
    }

    [Fact]
    public async Task DescribeFiles_parquet_gives_the_columns_and_every_row_groups_statistics()
    {
        using var folder = new TestFolder();
        var parts = Path.Combine(folder.Path, "p");
        FramesNet.Frames.FromColumns(("id", Enumerable.Range(0, 100).Select(i => (long)i).ToArray()))
            .WriteParquet(parts, new FramesNet.Formats.Parquet.ParquetWriteOptions { RowGroupRows = 40 });
        await using var worker = await TestWorker.StartAsync();

        var reply = await WorkerApi.Client(worker.Channel).DescribeFilesAsync(
            new DescribeFilesRequest { Format = "parquet", Paths = { Path.Combine(parts, "part-00000.parquet") } }).ResponseAsync;
        var facts = ParquetFacts.Parser.ParseFrom(reply.Facts);

        Assert.Equal(["id"], reply.Schema.Fields.Select(f => f.Name));
        Assert.Equal([40L, 40L, 20L], facts.Files.Single().RowGroups.Select(g => g.Rows));
        Assert.Equal([(0L, 39L), (40L, 79L), (80L, 99L)], facts.Files.Single().RowGroups.Select(g => (g.Columns[0].Min.Integer, g.Columns[0].Max.Integer)));
    }

    [Fact]
    public async Task DescribeFiles_of_an_unknown_format_or_a_broken_parquet_file_is_INVALID_ARGUMENT_naming_it()
    {
        using var folder = new TestFolder();
        var path = folder.File("bad.parquet", "not parquet at all");
        await using var worker = await TestWorker.StartAsync();

        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "orc", Paths = { path } }).ResponseAsync);
        var broken = await Assert.ThrowsAsync<RpcException>(() =>
            WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "parquet", Paths = { path } }).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, true), (unknown.StatusCode, unknown.Detail.Contains("no file format called 'orc'")));
        Assert.Equal((StatusCode.InvalidArgument, true), (broken.StatusCode, broken.Detail.StartsWith($"{path}: not a readable Parquet file")));
    }

    [Fact]
    public async Task DescribeFiles_csv_with_bad_options_or_no_paths_is_INVALID_ARGUMENT()
    {
        using var folder = new TestFolder();
        var path = folder.File("t.csv", "a\n1\n");
        await using var worker = await TestWorker.StartAsync();

        var badDelimiter = await Assert.ThrowsAsync<RpcException>(() =>
            WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { path }, Options = new CsvOptions { Delimiter = "\"" }.ToByteString() }).ResponseAsync);
        var noPaths = await Assert.ThrowsAsync<RpcException>(() => WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, badDelimiter.StatusCode);
        Assert.Contains("delimiter", badDelimiter.Detail);
        Assert.Equal(StatusCode.InvalidArgument, noPaths.StatusCode);
    }

    [Fact]
    public async Task DescribeFiles_csv_outside_the_data_roots_is_PERMISSION_DENIED()
    {
        using var folder = new TestFolder();
        var inside = folder.Folder("inside");
        var outside = folder.File("outside/t.csv", "a\n1\n");
        await using var worker = await TestWorker.StartAsync(o => o with { DataRoots = [inside] });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            WorkerApi.Client(worker.Channel).DescribeFilesAsync(new DescribeFilesRequest { Format = "csv", Paths = { outside } }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains(outside, error.Detail);
    }
}
