using FramesNet.Columns;
using FramesNet.Interop;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// Writes Frames batches as one Parquet file through ParquetSharp's Arrow writer: the batches are handed over as
/// Apache.Arrow batches over the same memory, buffered into row groups of at most <see cref="ParquetWriteOptions.RowGroupRows"/>
/// rows; the Arrow schema is stored in the file, so dictionary columns and time zones read back as they were written.
/// </summary>
internal sealed class ParquetFileWriter : IDisposable
{
    private readonly Schema _schema;
    private readonly WriterProperties _properties;
    private readonly ArrowWriterProperties _arrowProperties;
    private readonly FileWriter _writer;
    private bool _closed;

    public ParquetFileWriter(Stream stream, Schema schema, ParquetWriteOptions? options = null)
    {
        options ??= new ParquetWriteOptions();
        _schema = schema;
        using (var builder = new WriterPropertiesBuilder())
        {
            builder.Compression(options.Compression switch
            {
                ParquetCompression.Zstd => Compression.Zstd,
                ParquetCompression.None => Compression.Uncompressed,
                _ => Compression.Snappy,
            });
            builder.MaxRowGroupLength(options.RowGroupRows);
            _properties = builder.Build();
        }
        using (var builder = new ArrowWriterPropertiesBuilder())
        {
            builder.StoreSchema();
            _arrowProperties = builder.Build();
        }
        _writer = new FileWriter(stream, ApacheArrowTypes.ToApache(schema), _properties, _arrowProperties, leaveOpen: true);
    }

    public void Write(RecordBatch batch)
    {
        if (batch.Length == 0)
            return;
        var stored = ColumnEncoding.ConvertTo(batch, _schema);
        try
        {
            using var apache = ApacheArrowExport.ToApache(stored);
            _writer.WriteBufferedRecordBatch(apache);
        }
        finally
        {
            if (!ReferenceEquals(stored, batch))
                stored.Dispose();
        }
    }

    public void Finish()
    {
        if (_closed)
            return;
        _writer.Close();
        _closed = true;
    }

    public void Dispose()
    {
        _writer.Dispose();
        _arrowProperties.Dispose();
        _properties.Dispose();
    }
}
