namespace FramesNet.Formats.Csv;

/// <summary>
/// A CSV file that does not hold what was expected. The message reads <c>file:line: field N ('name'): what was
/// expected, what was found</c> (N counts fields from 1, not characters), the file as given to the reader (a glob's match, the absolute path a cluster's worker
/// read: one name may be in many folders); <see cref="Line"/> is the physical line (1-based, as editors count, the header is line 1)
/// and <see cref="Column"/> the 1-based field number in the file.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    public CsvFormatException(string file, long line, int column, string? fieldName, string problem, Exception? inner = null)
        : base(Describe(file, line, column, fieldName, problem), inner)
    {
        File = file;
        Line = line;
        Column = column;
        FieldName = fieldName;
        Problem = problem;
    }

    /// <summary>The file's path as given to the reader.</summary>
    public string File { get; }

    /// <summary>1-based physical line; 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>1-based field number in the row (not a character position); 0 when the problem concerns a whole line or file.</summary>
    public int Column { get; }

    /// <summary>The column's name when known.</summary>
    public string? FieldName { get; }

    /// <summary>What was expected and found, without the location.</summary>
    public string Problem { get; }

    internal static string Describe(string file, long line, int column, string? fieldName, string problem)
    {
        var where = line > 0 ? $"{file}:{line}" : file;
        if (column > 0)
            where += fieldName is null ? $": field {column}" : $": field {column} ('{fieldName}')";
        return $"{where}: {problem}";
    }
}
