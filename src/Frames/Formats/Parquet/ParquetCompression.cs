namespace FramesNet.Formats.Parquet;

/// <summary>How <see cref="DataFrame.WriteParquet"/> compresses column chunks.</summary>
public enum ParquetCompression
{
    Snappy,
    Zstd,
    None,
}
