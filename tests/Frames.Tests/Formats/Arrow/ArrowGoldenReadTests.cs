using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;

namespace FramesNet.Tests.Formats.Arrow;

/// <summary>Reader direction: every file apache-arrow wrote for the golden set reads back, in Frames, as its spec.</summary>
public sealed class ArrowGoldenReadTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string> GoldenFiles => new(Golden.ArrowFiles());

    public static TheoryData<string> Specs => new(Golden.SpecNames());

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Frames_reads_the_golden_file_as_its_spec(string fileName)
    {
        var name = fileName[..fileName.IndexOf('.')];
        var format = fileName.EndsWith(".file.arrow", StringComparison.Ordinal) ? ArrowIpcFormat.File : ArrowIpcFormat.Stream;
        var (schema, batches) = Golden.ReadWithFrames(Path.Combine(Golden.Folder, fileName), format);
        var actual = _temp.File(name + ".actual.json");
        File.WriteAllText(actual, CanonicalJson.Write(schema, batches));

        ArrowInteropTool.AssertEqual(Golden.Spec(name), actual, fileName);
        Assert.Equal(File.ReadAllText(Golden.Spec(name)), File.ReadAllText(actual));
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void The_canonical_json_of_a_spec_read_by_Frames_is_the_spec_text(string name)
    {
        var (schema, batches) = ArrowSpec.Read(Golden.Spec(name));

        Assert.Equal(File.ReadAllText(Golden.Spec(name)), CanonicalJson.Write(schema, batches));
    }

    public void Dispose() => _temp.Dispose();
}
