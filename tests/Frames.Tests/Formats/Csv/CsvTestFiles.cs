using System.Text;
using FramesNet.Columns;
using FramesNet.Formats.Csv;

namespace FramesNet.Tests.Formats.Csv;

/// <summary>A temporary folder of CSV files for one test class, removed afterwards.</summary>
public sealed class CsvTestFiles : IDisposable
{
    public CsvTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "frames-csv-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Every row of the batches as boxed values (strings for utf8), disposing the batches.</summary>
    public static List<object?[]> Rows(IEnumerable<RecordBatch> batches)
    {
        var rows = new List<object?[]>();
        foreach (var batch in batches)
        {
            for (var r = 0; r < batch.Length; r++)
                rows.Add(batch.Columns.Select(c => c.GetValue(r)).ToArray());
            batch.Dispose();
        }
        return rows;
    }

    public static List<object?[]> ReadAll(string path, CsvReadOptions? options = null) =>
        Rows(CsvReader.Open(path, options).ReadBatches());

    public static Schema Utf8Schema(params string[] names) => new(names.Select(n => new Field(n, DataType.Utf8)));
}
