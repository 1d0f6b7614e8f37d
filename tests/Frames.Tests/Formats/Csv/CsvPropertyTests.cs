using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using static FramesNet.Tests.Formats.Csv.CsvTestFiles;

namespace FramesNet.Tests.Formats.Csv;

/// <summary>
/// Random tables through the writer and back through every way of reading (one range, guessed parallel ranges,
/// exact ranges one by one), and random CSV noise through the reader against <see cref="CsvReferenceParser"/>.
/// </summary>
[Trait("Category", "Slow")] // counts and sizes grow with FRAMES_TEST_TIER=slow
public sealed class CsvPropertyTests : IDisposable
{
    private static readonly string[] Nasty = ["a", "Zz", "0", "-1.5", " ", ",", ";", "\t", "|", "\"", "\"\"", "\r", "\n", "\r\n", "é", "日本", "🎉", "NA", "true"];
    private static readonly string[] Noise = ["a", "bc", "é", "日", ",", ",", "\"", "\"", "\"\"", "\n", "\n", "\r\n", "\r", " "];

    private static readonly DataType[] Types =
    [
        DataType.Int64, DataType.Float64, DataType.Utf8, DataType.Utf8, DataType.Bool, DataType.Date32, DataType.Int32,
        DataType.Float32, DataType.UInt16, DataType.Timestamp(TimeUnit.Microsecond, "UTC"), DataType.Timestamp(TimeUnit.Millisecond),
        DataType.Timestamp(TimeUnit.Nanosecond),
    ];

    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    private readonly CsvTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Written_tables_read_back_identically_however_they_are_split() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var batch = RandomTable(random);
        var writeOptions = new CsvWriteOptions
        {
            Delimiter = random.GetItems([',', ';', '\t', '|'], 1)[0],
            NewLine = random.Next(2) == 0 ? "\n" : "\r\n",
        };
        var path = Path.Combine(_files.Folder, $"table-{seed}.csv");
        using (var writer = CsvWriter.Create(path, batch.Schema, writeOptions))
            writer.Write(batch);

        var options = RandomReadOptions(random) with { Delimiter = writeOptions.Delimiter, Schema = batch.Schema };
        var expected = Canonical(Rows([batch]));
        Assert.Equal(expected, Canonical(ReadAll(path, options)));
        Assert.Equal(expected, Canonical(ReadByRanges(path, options, random.Next(1, 300))));
        File.Delete(path);
    }));

    [Fact]
    public void The_reader_agrees_with_the_reference_parser_on_random_text() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => Noise[random.Next(Noise.Length)]));
        List<string?[]>? expected;
        try
        {
            expected = CsvReferenceParser.Parse(text, ',');
        }
        catch (FormatException)
        {
            expected = null;
        }
        var width = Math.Max(1, text.Split('\n')[0].Count(c => c == ',') + 1);
        if (expected is { Count: > 0 })
            width = expected[0].Length;
        var path = _files.Write($"noise-{seed}.csv", text);
        var options = RandomReadOptions(random) with { HasHeader = false, Schema = Utf8Schema(Enumerable.Range(0, width).Select(i => $"c{i}").ToArray()) };

        AssertReads(expected, () => ReadAll(path, options), text);
        AssertReads(expected, () => ReadByRanges(path, options, random.Next(1, 40)), text);
        File.Delete(path);
    }));

    [Fact]
    public void Generated_valid_csv_reads_as_the_reference_parses_it() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var fields = random.Next(1, 5);
        var text = new StringBuilder();
        var rows = random.Next(0, 40);
        for (var r = 0; r < rows; r++)
        {
            for (var f = 0; f < fields; f++)
            {
                if (f > 0)
                    text.Append(',');
                var value = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Nasty[random.Next(Nasty.Length)]));
                var plain = value.Length > 0 && value.IndexOfAny([',', '"', '\r', '\n']) < 0;
                text.Append(plain && random.Next(3) > 0 ? value : random.Next(4) == 0 && fields > 1 ? "" : $"\"{value.Replace("\"", "\"\"")}\"");
            }
            if (r < rows - 1 || random.Next(2) == 0)
                text.Append(random.Next(2) == 0 ? "\n" : "\r\n");
        }
        var csv = text.ToString();
        var expected = CsvReferenceParser.Parse(csv, ',', fields);
        var path = _files.Write($"valid-{seed}.csv", csv);
        var options = RandomReadOptions(random) with { HasHeader = false, Schema = Utf8Schema(Enumerable.Range(0, fields).Select(i => $"c{i}").ToArray()) };

        AssertReads(expected, () => ReadAll(path, options), csv);
        AssertReads(expected, () => ReadByRanges(path, options, random.Next(1, 64)), csv);
        File.Delete(path);
    }));

    private static void AssertReads(List<string?[]>? expected, Func<List<object?[]>> read, string text)
    {
        if (expected is null)
        {
            Assert.Throws<CsvFormatException>(read);
            return;
        }
        var actual = read();
        Assert.True(expected.Count == actual.Count && expected.Zip(actual).All(p => p.First.SequenceEqual(p.Second.Cast<string?>())),
            $"text {Show(text)}: expected {Show(expected)}, read {Show(actual.Select(r => r.Cast<string?>().ToArray()).ToList())}");
    }

    private static string Show(string text) => "\"" + text.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";

    private static string Show(List<string?[]> rows) =>
        "[" + string.Join(" | ", rows.Select(r => string.Join(",", r.Select(v => v is null ? "null" : Show(v))))) + "]";

    private static CsvReadOptions RandomReadOptions(Random random) => new()
    {
        RangeBytes = random.Next(1, 200),
        Parallelism = random.Next(1, 5),
        BatchRows = random.Next(1, 50),
    };

    private static List<object?[]> ReadByRanges(string path, CsvReadOptions options, long target)
    {
        var ranges = CsvReader.SplitRanges(path, target, options);
        var covered = 0L;
        foreach (var range in ranges)
        {
            Assert.Equal(covered, range.Start);
            Assert.Equal(range.Start == 0, range.IsFirst);
            covered = range.End;
        }
        Assert.Equal(new FileInfo(path).Length, covered);
        var report = new CsvReadReport();
        var rows = Rows(ranges.SelectMany(r => CsvReader.ReadRange(r, options.Schema!, options, report)));
        Assert.Equal(rows.Count, report.Rows);
        return rows;
    }

    private static RecordBatch RandomTable(Random random)
    {
        var columns = random.Next(1, 7);
        var rows = random.Next(0, 60);
        var fields = new List<Field>();
        var built = new List<Column>();
        for (var c = 0; c < columns; c++)
        {
            var type = Types[random.Next(Types.Length)];
            var builder = ColumnBuilder.Create(type);
            // A one-column row of a null would be an empty line, which is a null only in one-column files: fine.
            for (var r = 0; r < rows; r++)
            {
                if (random.Next(6) == 0)
                    builder.AppendNull();
                else
                    builder.AppendObject(RandomValue(random, type));
            }
            fields.Add(new Field($"c{c}{Nasty[random.Next(Nasty.Length)]}", type));
            built.Add(builder.Build());
        }
        var names = fields.Select(f => f.Name).Distinct().Count() == fields.Count ? fields : fields.Select((f, i) => f.WithName($"c{i}")).ToList();
        return new RecordBatch(new Schema(names), built, rows);
    }

    private static object RandomValue(Random random, DataType type) => type.Id switch
    {
        TypeId.Int64 => random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(-1000, 1000),
        TypeId.Int32 => random.Next(int.MinValue, int.MaxValue),
        TypeId.UInt16 => (ushort)random.Next(0, 65536),
        TypeId.Float64 => random.Next(5) switch
        {
            0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
            1 => random.GetItems([double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon, double.MaxValue], 1)[0],
            2 => Math.Round(random.NextDouble() * 1000, 2),
            _ => random.NextDouble() * Math.Pow(10, random.Next(-30, 30)),
        },
        TypeId.Float32 => random.Next(2) == 0 ? BitConverter.Int32BitsToSingle(random.Next()) : (float)Math.Round(random.NextDouble() * 100, 3),
        TypeId.Utf8 => string.Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => Nasty[random.Next(Nasty.Length)])),
        TypeId.Bool => random.Next(2) == 0,
        TypeId.Date32 => Temporal.DateFromDays(random.Next(-719_162, 2_932_896)),
        TypeId.Timestamp => type.Unit == TimeUnit.Nanosecond
            ? DateTime.UnixEpoch.AddTicks(random.NextInt64(-9_000_000_000_000_000 / 100, 9_000_000_000_000_000 / 100))
            : DateTime.UnixEpoch.AddTicks(random.NextInt64(-62_135_596_800L * 10_000_000, 253_402_300_799L * 10_000_000) / 10 * 10),
        _ => throw new NotSupportedException(type.ToString()),
    };

    /// <summary>Values compared exactly: floats by their bits (NaNs alike), the rest as they are.</summary>
    private static List<string> Canonical(List<object?[]> rows) => rows.Select(row => string.Join("|", row.Select(v => v switch
    {
        null => "null",
        double d => double.IsNaN(d) ? "NaN" : BitConverter.DoubleToInt64Bits(d).ToString(),
        float f => float.IsNaN(f) ? "NaN" : BitConverter.SingleToInt32Bits(f).ToString(),
        string s => Show(s),
        _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
    }))).ToList();
}
