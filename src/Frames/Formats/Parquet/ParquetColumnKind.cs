namespace FramesNet.Formats.Parquet;

/// <summary>How a Parquet column read through Arrow becomes a Frames column.</summary>
internal enum ParquetColumnKind
{
    /// <summary>The Arrow memory is a Frames column as it is (wrapped, not copied).</summary>
    Direct,
    /// <summary>A decimal128: converted to float64 (Frames has no decimal type; about 15–17 significant digits kept).</summary>
    DecimalAsDouble,
}
