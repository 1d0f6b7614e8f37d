using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>The interop tool's golden set: specs (NAME.json) and what apache-arrow wrote for them (NAME[.mode].FORMAT.arrow).</summary>
internal static class Golden
{
    public static string Folder => SharedFolder.ArrowGolden;

    public static string Spec(string name) => Path.Combine(Folder, name + ".json");

    public static IEnumerable<string> SpecNames() =>
        Directory.EnumerateFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    public static IEnumerable<string> ArrowFiles() =>
        Directory.EnumerateFiles(Folder, "*.arrow").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

    /// <summary>Reads an IPC file of either format with Frames.</summary>
    public static (Schema Schema, List<RecordBatch> Batches) ReadWithFrames(string path, ArrowIpcFormat format)
    {
        using var input = File.OpenRead(path);
        if (format == ArrowIpcFormat.File)
        {
            using var file = new ArrowFileReader(input, path);
            return (file.Schema, file.ReadAll().ToList());
        }
        using var stream = new ArrowStreamReader(input, path);
        return (stream.Schema, stream.ReadAll().ToList());
    }

    public static void WriteWithFrames(string path, Schema schema, IEnumerable<RecordBatch> batches, ArrowIpcFormat format) =>
        ArrowIpc.WriteFile(path, schema, batches, format);
}
