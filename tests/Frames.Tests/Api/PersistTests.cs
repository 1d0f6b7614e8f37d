using FramesNet.Execution;
using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Tests.Api;

/// <summary>
/// A persisted frame is computed once: later actions read its kept partitions, not its input (shown by deleting
/// the input and by the bytes the scans read), until it is disposed.
/// </summary>
public class PersistTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("frames-persist-").FullName;

    private string TripsFile()
    {
        var path = Path.Combine(_folder, "trips.csv");
        File.WriteAllLines(path, new[] { "id,zone,fare" }.Concat(Enumerable.Range(0, 500).Select(i => $"{i},{i % 7},{i * 0.5}")));
        return path;
    }

    private static readonly CsvReadOptions Options = new() { Schema = new(new("id", FramesNet.Columns.DataType.Int64), new("zone", FramesNet.Columns.DataType.Int64), new("fare", FramesNet.Columns.DataType.Float64)) };

    private static DataFrame Zones() => FromColumns(("zone", new long[] { 0, 1, 2, 3, 4, 5, 6 }), ("name", new[] { "a", "b", null, "d", "e", "f", "g" }));

    [Fact]
    public async Task Collect_and_both_writers_of_a_persisted_frame_neither_rescan_nor_need_its_input()
    {
        var file = TripsFile();
        var frame = ReadCsv(file, Options, FramesContext.Local with { Physical = FramesNet.Physical.PhysicalOptions.Default with { TargetScanPartitions = 3 } })
            .Filter(Col("fare") > 10).Join(Zones(), "zone");
        var expected = Rows(frame.Collect());
        var expectedCounts = Rows(frame.GroupBy("name").Agg(Count()).Collect());
        var first = new RecordedProgress();
        await using var persisted = await frame.PersistAsync(progress: first);
        Assert.True(first.Bytes > 0, "persisting reads the file");
        File.Delete(file);

        var later = new RecordedProgress();
        Assert.Equal(expected, Rows(await persisted.CollectAsync(progress: later)));
        Assert.Equal(expectedCounts, Rows(await persisted.GroupBy("name").Agg(Count()).CollectAsync(progress: later)));
        var arrow = persisted.WriteArrow(Path.Combine(_folder, "arrow"));
        var csv = persisted.WriteCsv(Path.Combine(_folder, "csv"));

        Assert.Equal(0, later.Bytes);
        Assert.True(later.Rows > 0, "the persisted partitions were read");
        Assert.Equal(expected, Rows(ReadArrow(Path.Combine(_folder, "arrow", "*.arrow")).Collect()));
        Assert.Equal(expected, Rows(ReadCsv(Path.Combine(_folder, "csv", "*.csv"), new CsvReadOptions { Schema = persisted.Schema }).Collect()));
        Assert.Equal(arrow.Sum(r => (long)r["rows"]!), csv.Sum(r => (long)r["rows"]!));
        Assert.Contains("persisted [", persisted.Explain());
        Assert.DoesNotContain("csv", persisted.Explain());
    }

    [Fact]
    public void A_disposed_persisted_frame_and_frames_made_from_it_say_it_was_unpersisted()
    {
        var frame = FromColumns(("k", Enumerable.Range(0, 100).Select(i => (long)i).ToArray())).Filter(Col("k") % 2 == 0);
        var persisted = frame.Persist();
        var derived = persisted.Select((Col("k") * 2).Alias("k2"));
        Assert.True(persisted.IsPersisted);
        Assert.False(derived.IsPersisted);
        Assert.Equal(50, derived.Count());

        persisted.Dispose();
        derived.Dispose(); // owns nothing: nothing happens

        Assert.False(persisted.IsPersisted);
        Assert.Contains("unpersisted", Assert.Throws<ObjectDisposedException>(() => persisted.Collect()).Message);
        Assert.Contains("unpersisted", Assert.Throws<ObjectDisposedException>(() => derived.Count()).Message);
        Assert.Equal(50, frame.Count()); // the frame it came from still computes
        persisted.Unpersist(); // twice is fine
    }

    [Fact]
    public void A_persisted_frame_keeps_its_partitions_and_joins_like_any_frame()
    {
        var frame = FromColumns(FramesContext.Local, 4, ("zone", Enumerable.Range(0, 40).Select(i => (long)(i % 7)).ToArray()));
        using var persisted = frame.Persist();

        Assert.Equal(4, ((FramesNet.Plan.PersistedSource)((FramesNet.Plan.ScanNode)persisted.Plan).Source).PartitionCount);
        var joined = persisted.Join(Zones(), "zone").GroupBy("name").Agg(Count().Alias("n")).Sort("name");
        Assert.Equal(Rows(frame.Join(Zones(), "zone").GroupBy("name").Agg(Count().Alias("n")).Sort("name").Collect()), Rows(joined.Collect()));
    }

    private static List<string> Rows(Table table) => table.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
