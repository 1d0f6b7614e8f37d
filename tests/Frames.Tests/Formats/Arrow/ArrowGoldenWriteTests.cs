using FramesNet.Formats.Arrow;
using FramesNet.Tests.Formats.Arrow.Support;

namespace FramesNet.Tests.Formats.Arrow;

/// <summary>Writer direction: what Frames writes for every golden spec, in both formats, apache-arrow reads as the spec.</summary>
public sealed class ArrowGoldenWriteTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string, ArrowIpcFormat, DictionaryMode> Cases()
    {
        var cases = new TheoryData<string, ArrowIpcFormat, DictionaryMode>();
        foreach (var name in Golden.SpecNames())
        {
            cases.Add(name, ArrowIpcFormat.Stream, DictionaryMode.Shared);
            cases.Add(name, ArrowIpcFormat.File, DictionaryMode.Shared);
        }
        foreach (var mode in new[] { DictionaryMode.Growing, DictionaryMode.PerBatch })
        {
            cases.Add("multi_batch", ArrowIpcFormat.Stream, mode);
            cases.Add("multi_batch", ArrowIpcFormat.File, mode);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apache_arrow_reads_what_Frames_writes_as_the_spec(string name, ArrowIpcFormat format, DictionaryMode mode)
    {
        var (schema, batches) = ArrowSpec.Read(Golden.Spec(name), mode);
        var written = _temp.File($"{name}.{mode}.{(format == ArrowIpcFormat.File ? "arrow" : "arrows")}");
        Golden.WriteWithFrames(written, schema, batches, format);

        var context = $"{name} ({format}, {mode} dictionaries)";
        var dumped = _temp.File($"{name}.{mode}.{format}.dump.json");
        File.WriteAllText(dumped, ArrowInteropTool.Dump(written, format == ArrowIpcFormat.File ? "file" : "stream", context));
        ArrowInteropTool.AssertEqual(Golden.Spec(name), dumped, context);
    }

    public void Dispose() => _temp.Dispose();
}
