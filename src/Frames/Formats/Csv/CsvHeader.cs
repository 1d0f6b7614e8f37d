using System.Text;
using Microsoft.Win32.SafeHandles;

namespace FramesNet.Formats.Csv;

/// <summary>The first line of a file: column names (when it has a header) and where the data starts.</summary>
internal sealed record CsvHeader(IReadOnlyList<string>? Names, long DataStart, bool FileIsEmpty)
{
    public static CsvHeader Read(SafeFileHandle handle, string path, CsvReadOptions options)
    {
        var reader = new CsvRecordReader(handle, path, options.DelimiterByte);
        var dataStart = reader.Position;
        var empty = RandomAccess.GetLength(handle) == dataStart;
        if (!options.HasHeader || !reader.Read())
            return new CsvHeader(null, dataStart, empty);
        var names = new string[reader.Fields.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var name = Encoding.UTF8.GetString(reader.Value(i));
            if (name.Length == 0)
                name = $"column_{i + 1}";
            if (!seen.TryAdd(name, i))
                throw new CsvFormatException(path, 1, i + 1, name, $"duplicate column name (also field {seen[name] + 1})");
            names[i] = name;
        }
        return new CsvHeader(names, reader.Position, false);
    }

    /// <summary>Names for a file without a header: column_1, column_2, ...</summary>
    public static string[] DefaultNames(int count) => Enumerable.Range(1, count).Select(i => $"column_{i}").ToArray();
}
