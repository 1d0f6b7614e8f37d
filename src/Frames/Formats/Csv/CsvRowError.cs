namespace FramesNet.Formats.Csv;

/// <summary>One row skipped by <see cref="CsvReadOptions.SkipBadRows"/>: where it is and what was wrong with it.</summary>
public sealed record CsvRowError(string File, long Line, int Column, string? FieldName, string Problem)
{
    public override string ToString() => CsvFormatException.Describe(File, Line, Column, FieldName, Problem);
}
