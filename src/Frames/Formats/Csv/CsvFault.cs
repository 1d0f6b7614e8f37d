namespace FramesNet.Formats.Csv;

/// <summary>
/// A problem found while parsing, before it has a line number: <see cref="Offset"/> is a byte offset (in the
/// chunk buffer while parsing, in the file once reported), <see cref="Column"/> the 0-based field number,
/// <see cref="Row"/> the row within the chunk (-1 for a row the tokenizer already dropped).
/// </summary>
internal readonly record struct CsvFault(long Offset, int Column, string Problem, int Row = -1)
{
    public CsvFault At(long fileOffsetOfBuffer) => this with { Offset = Offset + fileOffsetOfBuffer };
}
