using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Formats.Arrow;

/// <summary>
/// Mutation fuzzing of the readers: every mutated golden file (and Frames-written file) must either read
/// (and every value of it be readable) or fail with <see cref="ArrowFormatException"/>. Anything else, a
/// hang or an absurd allocation fails the test with the seed and the mutation, so the case can be rerun
/// with <see cref="RunCase"/>. The default tier runs 1,000 inputs, the slow tier 10,000.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ArrowFuzzTests
{
    private const int BaseSeed = 20_250_601;
    private const long AllocationLimit = 64L << 20;
    private static readonly Lazy<List<(string Name, byte[] Bytes, List<Region> Layout)>> Inputs = new(LoadInputs);

    [Fact]
    public async Task Mutated_inputs_read_or_fail_with_a_format_error()
    {
        var count = TestTier.Count(1000, 10_000);
        var current = -1;
        var outcomes = new int[2];
        var run = Task.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                Volatile.Write(ref current, BaseSeed + i);
                outcomes[RunCase(BaseSeed + i) ? 0 : 1]++;
            }
        });
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(TestTier.IsSlow ? 20 : 5)));
        Assert.True(first == run, $"fuzz case with seed {Volatile.Read(ref current)} did not finish (a hang?); rerun it with ArrowFuzzTests.RunCase");
        await run;
        // Both outcomes must occur, or the mutations are not reaching the decoder.
        Assert.True(outcomes[0] > 0 && outcomes[1] > count / 4, $"{outcomes[0]} mutated inputs read, {outcomes[1]} rejected");
    }

    /// <summary>Runs one fuzz case; true when the mutated input read successfully, false when it was rejected as malformed.</summary>
    public static bool RunCase(int seed)
    {
        var random = new Random(seed);
        var inputs = Inputs.Value;
        var (name, original, layout) = inputs[random.Next(inputs.Count)];
        var (bytes, mutation) = IpcMutator.Mutate(original, layout, random);
        var trickle = random.Next(4) == 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            ReadEverything(bytes, trickle);
            return true;
        }
        catch (ArrowFormatException)
        {
            return false;
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: {name}, {mutation}{(trickle ? ", read through a non-seekable stream" : "")}: {e.GetType().Name} instead of ArrowFormatException\n{e}");
        }
        finally
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > AllocationLimit)
                throw new Xunit.Sdk.XunitException($"seed {seed}: {name}, {mutation}: reading {bytes.Length} bytes allocated {allocated} bytes");
        }
    }

    private static void ReadEverything(byte[] bytes, bool trickle)
    {
        if (ArrowIpc.Detect(bytes) == ArrowIpcFormat.File)
        {
            using var file = new ArrowFileReader(new MemoryStream(bytes), "fuzz");
            for (var i = 0; i < file.BatchCount; i++)
                Touch(file.ReadBatch(i));
            return;
        }
        using var stream = new ArrowStreamReader(trickle ? new TrickleStream(bytes) : new MemoryStream(bytes), "fuzz");
        while (stream.ReadNext() is { } batch)
            Touch(batch);
    }

    /// <summary>Reads every value, so a batch that was accepted is also safe to use.</summary>
    private static void Touch(FramesNet.Columns.RecordBatch batch)
    {
        using (batch)
            CanonicalJson.Write(batch.Schema, [batch]);
    }

    private static List<(string, byte[], List<Region>)> LoadInputs()
    {
        var inputs = new List<(string, byte[], List<Region>)>();
        foreach (var file in Golden.ArrowFiles())
        {
            var bytes = File.ReadAllBytes(Path.Combine(Golden.Folder, file));
            inputs.Add((file, bytes, IpcLayout.Scan(bytes)));
        }
        foreach (var name in Golden.SpecNames())
        {
            foreach (var format in new[] { ArrowIpcFormat.Stream, ArrowIpcFormat.File })
            {
                var (schema, batches) = ArrowSpec.Read(Golden.Spec(name), DictionaryMode.Growing);
                var output = new MemoryStream();
                if (format == ArrowIpcFormat.File)
                {
                    using var writer = new ArrowFileWriter(output, schema, leaveOpen: true);
                    batches.ForEach(writer.Write);
                }
                else
                {
                    using var writer = new ArrowStreamWriter(output, schema, leaveOpen: true);
                    batches.ForEach(writer.Write);
                }
                var bytes = output.ToArray();
                inputs.Add(($"{name} written by Frames as {format}", bytes, IpcLayout.Scan(bytes)));
            }
        }
        return inputs;
    }
}
