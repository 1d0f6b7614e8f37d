using System.Globalization;
using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Formats.Csv;

/// <summary>The benchmark's shape of data (generated here, so no dataset is needed) read whole, in ranges and projected.</summary>
[Trait("Category", "Slow")] // counts and sizes grow with FRAMES_TEST_TIER=slow
public sealed class CsvTripsTests : IDisposable
{
    private static readonly Schema Trips = new(
        new Field("trip_id", DataType.Int64), new Field("pickup_day", DataType.Utf8), new Field("vendor", DataType.Utf8),
        new Field("passenger_count", DataType.Int64), new Field("distance_km", DataType.Float64), new Field("fare", DataType.Float64),
        new Field("tip", DataType.Float64), new Field("zone_id", DataType.Int64));

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private sealed record Expected(long Rows, long Q1, long IdSum, double FareSum, long NullTips, Dictionary<string, long> Vendors);

    private (string[] Paths, Expected Expected) Generate(int rows, int files)
    {
        var random = new Random(20240101);
        string[] vendors = ["CMT", "VTS", "DDS", "MYLE"];
        var expected = new Expected(rows, 0, 0, 0, 0, vendors.ToDictionary(v => v, _ => 0L));
        long q1 = 0, idSum = 0, nullTips = 0;
        var fareSum = 0.0;
        var paths = new string[files];
        var id = 1L;
        for (var f = 0; f < files; f++)
        {
            var text = new StringBuilder("trip_id,pickup_day,vendor,passenger_count,distance_km,fare,tip,zone_id\n");
            for (var r = 0; r < rows / files; r++, id++)
            {
                var day = new DateOnly(2024, 1, 1).AddDays(random.Next(366)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var vendor = vendors[random.Next(vendors.Length)];
                int? passengers = random.Next(50) == 0 ? null : random.Next(1, 7);
                var distance = Math.Round(0.1 + random.NextDouble() * 30, 2);
                var fare = Math.Min(300, Math.Round(3 + 1.75 * distance * (0.85 + random.NextDouble() * 0.45), 2));
                double? tip = random.Next(20) == 0 ? null : random.Next(5) < 2 ? 0 : Math.Round(fare * random.NextDouble() * 0.3, 2);
                text.Append(CultureInfo.InvariantCulture, $"{id},{day},{vendor},{passengers},{distance:F2},{fare:F2},{tip:F2},{random.Next(1, 266)}\n");
                q1 += fare > 20 && passengers >= 2 ? 1 : 0;
                idSum += id;
                fareSum += fare;
                nullTips += tip is null ? 1 : 0;
                expected.Vendors[vendor]++;
            }
            paths[f] = _files.Write($"trips-{f:000}.csv", text.ToString());
        }
        return (paths, expected with { Q1 = q1, IdSum = idSum, FareSum = fareSum, NullTips = nullTips });
    }

    [Fact]
    public void Reading_trips_in_parallel_ranges_gives_the_generated_answers()
    {
        var (paths, expected) = Generate(TestTier.Count(30_000, 600_000), 3);
        var options = new CsvReadOptions { Schema = Trips, Parallelism = 2, RangeBytes = 100_000, BatchRows = 5_000 };

        long rows = 0, idSum = 0, nullTips = 0;
        var fareSum = 0.0;
        var vendors = new Dictionary<string, long>();
        foreach (var batch in CsvReader.Open(paths, options).ReadBatches())
        {
            var ids = ((PrimitiveColumn<long>)batch.Column("trip_id")).Values;
            var fares = ((PrimitiveColumn<double>)batch.Column("fare")).Values;
            var vendor = (BinaryColumn)batch.Column("vendor");
            for (var i = 0; i < batch.Length; i++)
            {
                Assert.Equal(rows + i + 1, ids[i]); // order kept across ranges and files
                idSum += ids[i];
                fareSum += fares[i];
                var name = vendor.GetString(i);
                vendors[name] = vendors.GetValueOrDefault(name) + 1;
            }
            nullTips += batch.Column("tip").NullCount;
            rows += batch.Length;
            batch.Dispose();
        }

        Assert.Equal(expected.Rows, rows);
        Assert.Equal(expected.IdSum, idSum);
        Assert.Equal(expected.FareSum, fareSum, 6);
        Assert.Equal(expected.NullTips, nullTips);
        Assert.Equal(expected.Vendors.OrderBy(v => v.Key), vendors.OrderBy(v => v.Key));
    }

    [Fact]
    public void A_two_column_projection_answers_the_benchmarks_first_query()
    {
        var (paths, expected) = Generate(TestTier.Count(30_000, 600_000), 2);
        var options = new CsvReadOptions { Schema = Trips, Columns = ["fare", "passenger_count"], RangeBytes = 64 * 1024 };

        long q1 = 0;
        foreach (var range in paths.SelectMany(p => CsvReader.SplitRanges(p, options.RangeBytes, options)))
        {
            foreach (var batch in CsvReader.ReadRange(range, Trips, options))
            {
                var fares = ((PrimitiveColumn<double>)batch.Column(0)).Values;
                var passengers = (PrimitiveColumn<long>)batch.Column(1);
                for (var i = 0; i < batch.Length; i++)
                    q1 += fares[i] > 20 && passengers.IsValid(i) && passengers[i] >= 2 ? 1 : 0;
                batch.Dispose();
            }
        }

        Assert.Equal(expected.Q1, q1);
    }
}
