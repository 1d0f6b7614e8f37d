using FramesNet.Formats.Arrow;
using FramesNet.Formats.Csv;
using FramesNet.Formats.Parquet;

namespace FramesNet.Formats;

/// <summary>The file formats Frames knows, by name: the one place a format is registered.</summary>
internal static class FileFormats
{
    private static readonly Dictionary<string, FileFormat> Known = new FileFormat[]
    {
        CsvFormat.Instance,
        ArrowFormat.Instance,
        ParquetFormat.Instance,
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The format called <paramref name="name"/>; an unknown name (a newer client?) is an error that lists the known ones.</summary>
    public static FileFormat Get(string name) => Known.TryGetValue(name, out var format)
        ? format
        : throw new FormatException($"no file format called '{name}' (this build knows {string.Join(", ", Known.Keys)})");
}
