namespace FramesNet.Formats.Csv;

/// <summary>A range whose start was guessed read far past its end: the guess was likely inside a quoted field.</summary>
internal sealed class CsvMisalignedRangeException(CsvFileRange range)
    : Exception($"the range {range} does not start at a row boundary")
{
    public CsvFileRange Range { get; } = range;
}
