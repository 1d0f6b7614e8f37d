using FramesNet.Execution;
using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// A frame persisted on a cluster stays on the workers, held by the scheduler until it is disposed: later
/// actions read it there (its input file can be gone), and disposing it releases the job (issue 11, item 5).
/// </summary>
public class PersistTests : IClassFixture<TwoWorkerCluster>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TwoWorkerCluster _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-persist-").FullName;

    public PersistTests(TwoWorkerCluster fixture) => _fixture = fixture;

    private static readonly CsvReadOptions Options = new()
    {
        Schema = new(new("id", Columns.DataType.Int64), new("zone", Columns.DataType.Int64), new("fare", Columns.DataType.Float64)),
    };

    [Fact]
    public async Task A_persisted_frame_is_read_from_the_workers_until_it_is_disposed()
    {
        var cluster = await _fixture.ClientAsync();
        var file = Path.Combine(_folder, "trips.csv");
        File.WriteAllLines(file, new[] { "id,zone,fare" }.Concat(Enumerable.Range(0, 3000).Select(i => $"{i},{i % 7},{i * 0.5}")));
        var zones = FromColumns(cluster.Context, 1, ("zone", new long[] { 0, 1, 2, 3, 4, 5, 6 }), ("name", new[] { "a", "b", null, "d", "e", "f", "g" }));
        var frame = (await cluster.ReadCsvAsync(file, Options)).Filter(Col("fare") > 10).Join(zones, "zone");
        var expected = Rows(await frame.CollectAsync().WaitAsync(Timeout));
        var expectedCounts = Rows(await frame.GroupBy("name").Agg(Count()).CollectAsync().WaitAsync(Timeout));

        var first = new RecordedProgress();
        var persisted = await frame.PersistAsync(progress: first).WaitAsync(Timeout);
        Assert.True(first.Bytes > 0, "persisting reads the file");
        // The final report (all tasks done) keeps what was read, as a local run's does.
        Assert.Equal(first.Last!.Value.TasksTotal, first.Last.Value.TasksDone);
        Assert.Equal(first.Bytes, first.Last.Value.BytesRead);
        Assert.Equal(first.Rows, first.Last.Value.RowsRead);
        var held = (await cluster.StatusAsync()).Jobs;
        var job = Assert.Single(held);
        Assert.Equal("finished", job.State); // its results are held for the persisted frame
        File.Delete(file);

        var later = new RecordedProgress();
        Assert.Equal(expected, Rows(await persisted.CollectAsync(progress: later).WaitAsync(Timeout)));
        Assert.Equal(expectedCounts, Rows(await persisted.GroupBy("name").Agg(Count()).CollectAsync(progress: later).WaitAsync(Timeout)));
        await persisted.WriteAsync(Path.Combine(_folder, "arrow"), Formats.TableFormat.ArrowFile).WaitAsync(Timeout);
        await persisted.WriteAsync(Path.Combine(_folder, "csv"), Formats.TableFormat.Csv).WaitAsync(Timeout);
        Assert.Equal(0, later.Bytes);
        Assert.True(later.Rows > 0, "the persisted partitions were read");
        Assert.Equal(expected, Rows(ReadArrow(Path.Combine(_folder, "arrow", "*.arrow")).Collect()));
        Assert.Equal(expected, Rows(ReadCsv(Path.Combine(_folder, "csv", "*.csv"), new CsvReadOptions { Schema = persisted.Schema }).Collect()));
        Assert.Contains((await cluster.StatusAsync()).Jobs, j => j.Job == job.Job);

        await persisted.DisposeAsync();

        var status = await cluster.StatusAsync();
        Assert.DoesNotContain(status.Jobs, j => j.Job == job.Job);
        Assert.Contains(status.Ended, j => j.Job == job.Job && j.State == "finished");
        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => persisted.CollectAsync());
        Assert.Contains("unpersisted", error.Message);
    }

    private static List<string> Rows(Table table) => table.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
