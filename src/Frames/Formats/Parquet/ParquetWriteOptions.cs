using System.Globalization;

namespace FramesNet.Formats.Parquet;

/// <summary>How Parquet files are written: compression and the most rows in one row group.</summary>
public sealed record ParquetWriteOptions
{
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>The most rows a row group holds (a partition with more is cut into several); the unit of pruning and of read parallelism.</summary>
    public int RowGroupRows { get; init; } = 1 << 20;

    /// <summary>The options as one line of text (for task specs and task keys).</summary>
    public override string ToString() =>
        $"compression={Compression.ToString().ToLowerInvariant()} row_group_rows={RowGroupRows.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Options from <see cref="ToString"/>'s text; empty text is the defaults.</summary>
    internal static ParquetWriteOptions Parse(string text)
    {
        var options = new ParquetWriteOptions();
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = part.IndexOf('=') is var eq and > 0 ? (part[..eq], part[(eq + 1)..]) : (part, "");
            options = key switch
            {
                "compression" when Enum.TryParse<ParquetCompression>(value, ignoreCase: true, out var c) => options with { Compression = c },
                "row_group_rows" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => options with { RowGroupRows = n },
                _ => throw new FormatException($"Parquet write option '{part}' is not one of compression=snappy|zstd|none, row_group_rows=N"),
            };
        }
        return options;
    }
}
