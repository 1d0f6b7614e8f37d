using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;

namespace FramesNet.Tests.Formats.Arrow;

/// <summary>The interop tool's generated 100,000-row table (int64, float64, utf8 with nulls), both directions and formats.</summary>
public sealed class ArrowLargeInteropTests : IClassFixture<ArrowLargeInteropTests.LargeSpec>
{
    private readonly LargeSpec _spec;

    public ArrowLargeInteropTests(LargeSpec spec) => _spec = spec;

    [Theory]
    [InlineData(ArrowIpcFormat.Stream)]
    [InlineData(ArrowIpcFormat.File)]
    public void Frames_reads_the_large_table_apache_arrow_wrote(ArrowIpcFormat format)
    {
        var name = format == ArrowIpcFormat.File ? "file" : "stream";
        var written = _spec.Folder.File($"big.tool.{name}.arrow");
        var result = ArrowInteropTool.Run("write", _spec.Path, written, "--format", name);
        Assert.True(result.ExitCode == 0, result.ToString());

        var (schema, batches) = Golden.ReadWithFrames(written, format);
        Assert.Equal(100_000, batches.Sum(b => b.Length));
        var actual = _spec.Folder.File($"big.frames-read.{name}.json");
        File.WriteAllText(actual, CanonicalJson.Write(schema, batches));
        ArrowInteropTool.AssertEqual(_spec.Path, actual, $"large table, {name} written by apache-arrow");
    }

    [Theory]
    [InlineData(ArrowIpcFormat.Stream)]
    [InlineData(ArrowIpcFormat.File)]
    public void Apache_arrow_reads_the_large_table_Frames_wrote(ArrowIpcFormat format)
    {
        var name = format == ArrowIpcFormat.File ? "file" : "stream";
        var (schema, batches) = ArrowSpec.Read(_spec.Path);
        var written = _spec.Folder.File($"big.frames.{name}.arrow");
        Golden.WriteWithFrames(written, schema, batches, format);

        var dumped = _spec.Folder.File($"big.frames-written.{name}.json");
        File.WriteAllText(dumped, ArrowInteropTool.Dump(written, name, $"large table, {name} written by Frames"));
        ArrowInteropTool.AssertEqual(_spec.Path, dumped, $"large table, {name} written by Frames");
    }

    /// <summary>`arrow-interop gen large` once for the class.</summary>
    public sealed class LargeSpec : IDisposable
    {
        public LargeSpec()
        {
            Folder = new TempFolder("frames-arrow-large-");
            Path = Folder.File("big.json");
            var result = ArrowInteropTool.Run("gen", "large", Path, "--rows", "100000");
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"arrow-interop gen large failed: {result}");
        }

        internal TempFolder Folder { get; }

        public string Path { get; }

        public void Dispose() => Folder.Dispose();
    }
}
