using System.Globalization;
using System.Text;

namespace FramesNet.Cli.Demo;

/// <summary>
/// Writes a deterministic, taxi-like sample dataset (the shape of the peer benchmark's): trips-NNN.csv files
/// and a zones.csv dimension table.
/// </summary>
internal static class SampleTrips
{
    private static readonly string[] Vendors = ["CMT", "VTS", "DDS", "MYLE"];
    private static readonly string[] Boroughs = ["Manhattan", "Brooklyn", "Queens", "Bronx", "Staten Island", "EWR"];
    private const int Zones = 265;

    /// <summary>True when the folder already holds a complete dataset of this size.</summary>
    public static bool Exists(string folder, int files) =>
        File.Exists(Path.Combine(folder, "zones.csv")) && Enumerable.Range(0, files).All(f => File.Exists(TripFile(folder, f)));

    public static string TripFile(string folder, int index) => Path.Combine(folder, $"trips-{index:D3}.csv");

    public static void Write(string folder, long rows, int files, int seed = 20240101)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        WriteAtomically(Path.Combine(folder, "zones.csv"), text =>
        {
            text.Append("zone_id,borough,zone_name\n");
            for (var z = 1; z <= Zones; z++)
            {
                var borough = Boroughs[z <= Boroughs.Length ? z - 1 : random.Next(Boroughs.Length)];
                text.Append(CultureInfo.InvariantCulture, $"{z},{borough},{borough} Zone {z:D3}\n");
            }
        });
        var start = new DateOnly(2024, 1, 1);
        long id = 1;
        for (var f = 0; f < files; f++)
        {
            var count = rows * (f + 1) / files - rows * f / files;
            WriteAtomically(TripFile(folder, f), text =>
            {
                text.Append("trip_id,pickup_day,vendor,passenger_count,distance_km,fare,tip,zone_id\n");
                for (var r = 0; r < count; r++, id++)
                {
                    var distance = Math.Max(0.1, Math.Round(Math.Exp(1 + 0.9 * Gaussian(random)), 2));
                    var fare = Math.Min(300, Math.Round(3 + 1.75 * distance * (0.85 + 0.45 * random.NextDouble()), 2));
                    var vendor = random.NextDouble() switch { < 0.30 => 0, < 0.85 => 1, < 0.95 => 2, _ => 3 };
                    var passengers = random.Next(50) == 0 ? "" : (1 + (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 0.6)).ToString(CultureInfo.InvariantCulture);
                    var tip = random.Next(20) == 0 ? "" : random.Next(10) < 4 ? "0.00" : (fare * (0.05 + 0.25 * random.NextDouble())).ToString("0.00", CultureInfo.InvariantCulture);
                    var zone = 1 + (int)(Zones * Math.Pow(random.NextDouble(), 2));
                    text.Append(CultureInfo.InvariantCulture,
                        $"{id},{start.AddDays(random.Next(366)):yyyy-MM-dd},{Vendors[vendor]},{passengers},{distance:0.00},{fare:0.00},{tip},{Math.Min(zone, Zones)}\n");
                }
            });
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void WriteAtomically(string path, Action<StringBuilder> fill)
    {
        var text = new StringBuilder();
        fill(text);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }
}
