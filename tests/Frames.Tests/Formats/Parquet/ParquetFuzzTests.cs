using FramesNet.Execution;
using FramesNet.Formats.Parquet;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Tests.Formats.Parquet;

/// <summary>
/// Mutation fuzzing of the Parquet reader: every corrupted file (bytes flipped in the data or the footer, integers
/// overwritten with extreme values, truncation) either reads, every value touched, or fails with a
/// <see cref="ParquetFormatException"/> naming the file — never another exception, and never a crash of the native
/// reader (which would end the test process). A failure names the seed, so <see cref="RunCase"/> reruns it. The
/// default tier runs 150 cases, the slow tier 3,000.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ParquetFuzzTests : IDisposable
{
    private const int BaseSeed = 20_261_208;
    private readonly ParquetTestFiles _files = new();
    private readonly List<(string Name, byte[] Bytes)> _inputs = [];

    public ParquetFuzzTests()
    {
        var duck = _files.PathOf("duck.parquet");
        ParquetTestFiles.DuckDb($"COPY (SELECT i::BIGINT AS id, CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || (i % 17) END AS s, i / 3.0 AS x, " +
                                $"DATE '2000-01-01' + i::INTEGER AS d, (i * 1.5)::DECIMAL(12,2) AS m FROM range(0, 3000) r(i)) TO '{duck}' (FORMAT parquet, ROW_GROUP_SIZE 1024)");
        _inputs.Add(("duckdb", File.ReadAllBytes(duck)));
        foreach (var compression in new[] { ParquetCompression.Snappy, ParquetCompression.None })
        {
            var folder = _files.PathOf($"frames-{compression}");
            ReadParquet(duck).WriteParquet(folder, new ParquetWriteOptions { Compression = compression, RowGroupRows = 700 });
            _inputs.Add(($"frames-{compression}", File.ReadAllBytes(Path.Combine(folder, "part-00000.parquet"))));
        }
    }

    [Fact]
    public void Corrupted_files_read_or_fail_with_a_Parquet_format_error_naming_the_file()
    {
        var count = TestTier.Count(150, 3000);
        var outcomes = new int[2];
        for (var i = 0; i < count; i++)
            outcomes[RunCase(BaseSeed + i) ? 0 : 1]++;
        // Both outcomes must occur, or the mutations are not reaching the reader.
        Assert.True(outcomes[0] > 0 && outcomes[1] > count / 4, $"{outcomes[0]} corrupted files read, {outcomes[1]} rejected");
    }

    /// <summary>Runs one case; true when the corrupted file read, false when it was rejected with a ParquetFormatException.</summary>
    public bool RunCase(int seed)
    {
        var random = new Random(seed);
        var (name, original) = _inputs[random.Next(_inputs.Count)];
        var (bytes, mutation) = Mutate(original, random);
        var path = _files.PathOf($"case-{seed}.parquet");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var table = ReadParquet(path).Collect();
            foreach (var row in table)
                for (var c = 0; c < table.Schema.Count; c++)
                    _ = row[c];
            return true;
        }
        catch (Exception e) when (Rejection(e) is { } rejection)
        {
            Assert.True(rejection.Message.Contains(path), $"seed {seed}: {name}, {mutation}: the error does not name the file: {rejection.Message}");
            return false;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: {name}, {mutation}: {e.GetType().Name} instead of ParquetFormatException\n{e}");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The ParquetFormatException behind <paramref name="e"/> (when planning, itself; when reading, inside the task's failure).</summary>
    private static ParquetFormatException? Rejection(Exception e) => e switch
    {
        ParquetFormatException p => p,
        TaskFailedException { InnerException: { } inner } => Rejection(inner),
        AggregateException { InnerExceptions.Count: 1 } a => Rejection(a.InnerExceptions[0]),
        _ => null,
    };

    private static (byte[] Bytes, string Mutation) Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        // The footer (thrift metadata) sits before the last 8 bytes; aim half of the mutations there.
        var footerLength = BitConverter.ToInt32(original, original.Length - 8);
        var footerStart = Math.Max(4, original.Length - 8 - footerLength);
        int Position() => random.Next(2) == 0 ? random.Next(footerStart, original.Length - 8) : random.Next(4, footerStart);
        switch (random.Next(4))
        {
            case 0:
            {
                var flips = random.Next(1, 9);
                for (var k = 0; k < flips; k++)
                    bytes[Position()] ^= (byte)(1 << random.Next(8));
                return (bytes, $"{flips} bit flips");
            }
            case 1:
            {
                var at = Math.Min(Position(), bytes.Length - 4);
                var value = new[] { int.MaxValue, int.MinValue, -1, 0, 1 << 30, random.Next() }[random.Next(6)];
                BitConverter.GetBytes(value).CopyTo(bytes, at);
                return (bytes, $"int {value} at byte {at}");
            }
            case 2:
            {
                var at = Position();
                var length = random.Next(1, 64);
                random.NextBytes(bytes.AsSpan(at, Math.Min(length, bytes.Length - 8 - at)));
                return (bytes, $"{length} random bytes at byte {at}");
            }
            default:
            {
                var keep = random.Next(0, original.Length);
                return (bytes[..keep], $"truncated to {keep} bytes");
            }
        }
    }

    public void Dispose() => _files.Dispose();
}
