using FramesNet.Columns;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Csv;
using FramesNet.Formats.Parquet;

namespace FramesNet.Formats;

/// <summary>
/// Writes batches to a CSV, Arrow or Parquet file atomically: into a temporary file beside the target, renamed
/// over it by <see cref="Commit"/>. A writer disposed without committing deletes its temporary file, so
/// a crash or an error never leaves a half-written output under the real name. The file stores each column
/// as the schema it is created with says (a plan's schema: plain); batches storing a column otherwise
/// (dictionary-encoded strings from a join) are converted.
/// </summary>
public sealed class TableFileWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _file;
    private readonly Action<RecordBatch> _write;
    private readonly Action _finish;
    private readonly IDisposable _writer;
    private bool _committed;

    private TableFileWriter(string path, Schema schema, TableFormat format, CsvWriteOptions? csv, ParquetWriteOptions? parquet)
    {
        _path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(folder);
        _temporary = Path.Combine(folder, $".{Path.GetFileName(_path)}.{Guid.NewGuid():N}.tmp");
        _file = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        switch (format)
        {
            case TableFormat.Csv:
                var csvWriter = new CsvWriter(_file, schema, csv, leaveOpen: true);
                (_write, _finish, _writer) = (csvWriter.Write, csvWriter.Flush, csvWriter);
                break;
            case TableFormat.ArrowFile:
                var fileWriter = new ArrowFileWriter(_file, schema, leaveOpen: true);
                (_write, _finish, _writer) = (fileWriter.Write, fileWriter.Finish, fileWriter);
                break;
            case TableFormat.Parquet:
                var parquetWriter = new ParquetFileWriter(_file, schema, parquet);
                (_write, _finish, _writer) = (parquetWriter.Write, parquetWriter.Finish, parquetWriter);
                break;
            default:
                var streamWriter = new ArrowStreamWriter(_file, schema, leaveOpen: true);
                (_write, _finish, _writer) = (streamWriter.Write, streamWriter.Finish, streamWriter);
                break;
        }
        Format = format;
    }

    public TableFormat Format { get; }

    public long Rows { get; private set; }

    /// <summary>A writer for <paramref name="path"/>, in the format its extension names unless <paramref name="format"/> says.</summary>
    public static TableFileWriter Create(string path, Schema schema, TableFormat? format = null, CsvWriteOptions? csv = null, ParquetWriteOptions? parquet = null) =>
        new(path, schema, format ?? TableFormats.FromPath(path), csv, parquet);

    public void Write(RecordBatch batch)
    {
        _write(batch);
        Rows += batch.Length;
    }

    /// <summary>Finishes the file, flushes it to disk and moves it to its real name.</summary>
    public void Commit()
    {
        _finish();
        _writer.Dispose();
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        File.Move(_temporary, _path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed)
            return;
        _writer.Dispose();
        _file.Dispose();
        File.Delete(_temporary);
    }
}
