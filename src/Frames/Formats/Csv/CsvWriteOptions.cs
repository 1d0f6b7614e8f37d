namespace FramesNet.Formats.Csv;

/// <summary>How <see cref="CsvWriter"/> writes CSV (RFC 4180).</summary>
public sealed record CsvWriteOptions
{
    /// <summary>The field separator: one ASCII character other than a quote, CR or LF.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Write the column names as the first line.</summary>
    public bool WriteHeader { get; init; } = true;

    /// <summary>The text of a null. A string equal to it is written quoted so it reads back as a string.</summary>
    public string NullValue { get; init; } = "";

    /// <summary>The line end: "\n" or "\r\n".</summary>
    public string NewLine { get; init; } = "\n";

    internal void Validate()
    {
        if (Delimiter is '"' or '\r' or '\n' || Delimiter > 127)
            throw new ArgumentException($"the delimiter must be an ASCII character other than a quote, CR or LF, not '{Delimiter}'");
        if (NewLine is not ("\n" or "\r\n"))
            throw new ArgumentException("the line end must be \"\\n\" or \"\\r\\n\"");
        if (NullValue.AsSpan().IndexOfAny(['"', '\r', '\n', Delimiter]) >= 0)
            throw new ArgumentException($"the null text '{NullValue}' holds a quote, a line end or the delimiter");
    }
}
