using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;

namespace FramesNet.Tests.Formats.Arrow;

public sealed class ArrowIpcTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData(ArrowIpcFormat.Stream)]
    [InlineData(ArrowIpcFormat.File)]
    public void Whole_files_are_written_detected_and_read_back(ArrowIpcFormat format)
    {
        var (schema, batches) = ArrowSpec.Read(Golden.Spec("timestamp"));
        var path = _temp.File("t." + format);

        ArrowIpc.WriteFile(path, schema, batches, format);
        var (readSchema, read) = ArrowIpc.ReadFile(path);

        Assert.Equal(format, ArrowIpc.Detect(path));
        Assert.Equal(schema, readSchema);
        Assert.Equal(CanonicalJson.Write(schema, batches), CanonicalJson.Write(readSchema, read));
    }

    [Fact]
    public void Errors_in_a_file_read_by_path_name_the_path()
    {
        var path = _temp.File("broken.arrow");
        File.WriteAllBytes(path, "ARROW1\0\0broken"u8.ToArray());

        var error = Assert.Throws<ArrowFormatException>(() => ArrowIpc.ReadFile(path));

        Assert.Equal(path, error.SourceName);
        Assert.StartsWith(path + ": at byte ", error.Message);
    }

    public void Dispose() => _temp.Dispose();
}
