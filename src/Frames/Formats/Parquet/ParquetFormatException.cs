namespace FramesNet.Formats.Parquet;

/// <summary>A Parquet file that cannot be read: the message names the file, and the row group and column where known.</summary>
public sealed class ParquetFormatException : FormatException
{
    public ParquetFormatException(string path, string message, Exception? inner = null)
        : base($"{path}: {message}", inner) => Path = path;

    public string Path { get; }
}
