using FramesNet.Formats;
using FramesNet.Tests.Physical;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Cluster.Tests;

/// <summary>
/// Plans of several joins on real scheduler and worker processes: each join reads its own build side through
/// the task codec, and the strings a join's build side hands on dictionary-encoded cross workers, spill and
/// share files, reach the client and are written to files (issue 11, items 1 and 2).
/// </summary>
public class JoinShapeTests : IClassFixture<TwoWorkerCluster>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private readonly TwoWorkerCluster _fixture;
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-joins-").FullName;

    public JoinShapeTests(TwoWorkerCluster fixture) => _fixture = fixture;

    public static TheoryData<string> Named() => new(JoinShapes.Named.Keys);

    [Theory]
    [MemberData(nameof(Named))]
    public async Task Named_multi_join_shapes_answer_on_the_cluster(string name)
    {
        var cluster = await _fixture.ClientAsync();
        for (var seed = 0; seed < 2; seed++)
            await JoinShapes.Named[name](new JoinTables(seed, cluster.Context), seed).CheckAsync($"{name}, seed {seed}", Timeout);
    }

    [Fact]
    public async Task Random_multi_join_plans_answer_on_the_cluster()
    {
        var cluster = await _fixture.ClientAsync();
        for (var seed = 0; seed < 12; seed++)
        {
            var tables = new JoinTables(seed, cluster.Context);
            await JoinShapes.Random(tables, depth: 3).CheckAsync($"seed {seed}", Timeout);
        }
    }

    [Fact]
    public async Task Joined_strings_are_written_by_workers_as_utf8_and_stream_to_a_client_without_share_folders()
    {
        var cluster = await _fixture.ClientAsync();
        var tables = new JoinTables(5, cluster.Context, maxFactRows: 24);
        var shape = JoinShapes.Named["star of three dimensions, every outer type"](tables, 0);

        foreach (var format in new[] { TableFormat.Csv, TableFormat.ArrowFile })
        {
            var folder = Path.Combine(_folder, format.ToString());
            var files = await shape.Frame.WriteAsync(folder, format).WaitAsync(Timeout);
            Assert.All(files, row => Assert.True(File.Exists((string)row["path"]!), $"{row["path"]} was not written"));
            Assert.All(files, row => Assert.True((long)row["rows"]! > 0, $"{row["path"]} holds no rows"));
            Assert.Equal(files.Select(r => (string)r["path"]!).Order(), Directory.GetFiles(folder).Order());
            var back = format == TableFormat.Csv
                ? ReadCsv(Path.Combine(folder, "*.csv"), new Formats.Csv.CsvReadOptions { Schema = shape.Frame.Schema })
                : ReadArrow(Path.Combine(folder, "*.arrow"));
            Assert.Equal(shape.Frame.Schema.Fields.Select(f => (f.Name, f.Type)), back.Schema.Fields.Select(f => (f.Name, f.Type)));
            shape.Compare(back.Collect(), $"written as {format}");
        }
        var none = await shape.Frame.Filter(Col("Id") < 0).WriteAsync(Path.Combine(_folder, "empty"), TableFormat.Csv).WaitAsync(Timeout);
        Assert.Equal(0L, Assert.Single(none)["rows"]);

        await using var streaming = await LocalCluster.StartAsync(2, new LocalClusterOptions { StartTimeout = Patience.Wait, ShareDirectory = "none" });
        await using var client = await streaming.ConnectAsync();
        await JoinShapes.Named["chain of two broadcast joins"](new JoinTables(1, client.Context), 1).CheckAsync("streamed", Timeout);
        await JoinShapes.Named["joins on both sides of a join"](new JoinTables(2, client.Context), 2).CheckAsync("streamed", Timeout);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
