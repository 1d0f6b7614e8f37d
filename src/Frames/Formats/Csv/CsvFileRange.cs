namespace FramesNet.Formats.Csv;

/// <summary>
/// Bytes [<see cref="Start"/>, <see cref="End"/>) of a CSV file: the rows that start there. <see cref="Start"/> is a
/// row start; the range whose <see cref="IsFirst"/> is set starts at 0 and holds the header (and a BOM, if any).
/// </summary>
public readonly record struct CsvFileRange(string Path, long Start, long End, bool IsFirst)
{
    public long Length => End - Start;

    public override string ToString() => $"{System.IO.Path.GetFileName(Path)}[{Start}..{End})";
}
