namespace FramesNet.Formats;

/// <summary>The file formats Frames reads and writes, told by file extension.</summary>
public enum TableFormat
{
    /// <summary><c>.csv</c>, and <c>.tsv</c> (read with a tab delimiter).</summary>
    Csv,
    /// <summary><c>.arrow</c>: the Arrow IPC file format (random access, footer).</summary>
    ArrowFile,
    /// <summary><c>.arrows</c>: the Arrow IPC stream format.</summary>
    ArrowStream,
    /// <summary><c>.parquet</c>: Apache Parquet (row groups, column chunks, statistics).</summary>
    Parquet,
}

public static class TableFormats
{
    /// <summary>The format an extension names; an unknown one is an error that lists the known ones.</summary>
    public static TableFormat FromPath(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" or ".tsv" => TableFormat.Csv,
        ".arrow" or ".feather" or ".ipc" => TableFormat.ArrowFile,
        ".arrows" => TableFormat.ArrowStream,
        ".parquet" or ".pq" => TableFormat.Parquet,
        var other => throw new FormatException(
            $"{path}: cannot tell the format from '{(other.Length == 0 ? "no extension" : other)}'; use .csv, .tsv, .arrow (Arrow IPC file), .arrows (Arrow IPC stream) or .parquet, or name the format (--format)"),
    };

    /// <summary>The delimiter a file's extension implies: a tab for <c>.tsv</c>, else a comma.</summary>
    public static char DefaultDelimiter(string path) =>
        Path.GetExtension(path).Equals(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';

    public static string Extension(TableFormat format) => format switch
    {
        TableFormat.Csv => ".csv",
        TableFormat.ArrowFile => ".arrow",
        TableFormat.ArrowStream => ".arrows",
        TableFormat.Parquet => ".parquet",
    };
}
