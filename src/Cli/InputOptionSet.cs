using System.CommandLine;
using FramesNet.Formats;
using FramesNet.Formats.Csv;

namespace FramesNet.Cli;

/// <summary>
/// How commands that read tables open their input: a file, a glob or a folder of part files, its format (told by
/// the extensions unless --format names it), and the CSV options (delimiter, header, nulls, bad rows, sample size).
/// </summary>
internal sealed class InputOptionSet
{
    public Option<string?> Format { get; } = new("--format", "-f") { Description = "the input's format when the extension does not say: csv, tsv, arrow (IPC file), arrows (IPC stream) or parquet" };

    public Option<string?> Delimiter { get; } = new("--delimiter", "-d") { Description = "field delimiter of CSV input (one character; \\t for tab; default: a comma, a tab for .tsv and --format tsv)" };

    public Option<bool> NoHeader { get; } = new("--no-header") { Description = "CSV input has no header row (columns are named column_1, column_2, …)" };

    public Option<string[]> Null { get; } = new("--null") { Description = "text that means null in CSV input (repeatable; default: the empty field)", AllowMultipleArgumentsPerToken = false };

    public Option<bool> SkipBadRows { get; } = new("--skip-bad-rows") { Description = "skip CSV rows that do not parse, and report how many and where" };

    public Option<int?> InferRows { get; } = new("--infer-rows") { Description = "rows of CSV input sampled to infer column types (default 10,000)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Delimiter);
        command.Options.Add(NoHeader);
        command.Options.Add(Null);
        command.Options.Add(SkipBadRows);
        command.Options.Add(InferRows);
    }

    /// <summary>Opens <paramref name="input"/> (a file, a glob or a folder) as the options say.</summary>
    public TableFileReader Open(ParseResult parse, string input)
    {
        var named = parse.GetValue(Format)?.ToLowerInvariant();
        TableFormat? format = named switch
        {
            null => null,
            "csv" or "tsv" => TableFormat.Csv,
            "arrow" => TableFormat.ArrowFile,
            "arrows" => TableFormat.ArrowStream,
            "parquet" => TableFormat.Parquet,
            _ => throw new UsageException($"--format takes csv, tsv, arrow, arrows or parquet, not '{named}'"),
        };
        IReadOnlyList<string> paths = File.Exists(input) ? [input] : TableFiles.Resolve(input, format);
        var resolved = format ?? TableFiles.FormatOf(paths, input);
        var delimiter = parse.GetValue(Delimiter);
        if (resolved != TableFormat.Csv && delimiter is not null)
            throw new UsageException($"--delimiter is for CSV input; this input is {(resolved == TableFormat.Parquet ? "Parquet" : "Arrow")}");
        var tsv = named == "tsv" || (named is null && paths.All(p => TableFormats.DefaultDelimiter(p) == '\t'));
        return TableFileReader.Open(paths, resolved, CsvOptions(parse, delimiter ?? (tsv ? "\t" : ",")));
    }

    private CsvReadOptions CsvOptions(ParseResult parse, string delimiter)
    {
        if (delimiter == "\\t")
            delimiter = "\t";
        if (delimiter.Length != 1)
            throw new UsageException($"--delimiter takes one character, not '{delimiter}'");
        var nulls = parse.GetValue(Null);
        var inferRows = parse.GetValue(InferRows);
        if (inferRows < 0)
            throw new UsageException($"--infer-rows must be 0 or more, not {inferRows}");
        var defaults = new CsvReadOptions();
        return defaults with
        {
            Delimiter = delimiter[0],
            HasHeader = !parse.GetValue(NoHeader),
            NullValues = nulls is { Length: > 0 } ? nulls : [""],
            SkipBadRows = parse.GetValue(SkipBadRows),
            InferenceRows = inferRows ?? defaults.InferenceRows,
        };
    }

    /// <summary>Tells, on standard error, which CSV columns became utf8 although most sampled values fit another type.</summary>
    public static void WarnAboutInference(TableFileReader reader)
    {
        if (reader.CsvInference is not { } inference)
            return;
        foreach (var column in inference.Columns)
            if (column.MostValuesFit is not null)
                Console.Error.WriteLine($"frames: note: column '{column.Name}' is read as {column.Type}: {column.Note(inference.Files.Count > 1)}");
    }
}

/// <summary>A command line that parsed but does not make sense; exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
