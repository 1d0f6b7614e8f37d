using System.CommandLine;
using FramesNet.Formats.Csv;

namespace FramesNet.Cli;

/// <summary>The CSV reading options commands share: delimiter, header, null strings, bad rows.</summary>
internal sealed class CsvOptionSet
{
    public Option<string> Delimiter { get; } = new("--delimiter", "-d") { Description = "field delimiter of CSV input (one character; \\t for tab)", DefaultValueFactory = _ => "," };

    public Option<bool> NoHeader { get; } = new("--no-header") { Description = "CSV input has no header row (columns are named column_1, column_2, …)" };

    public Option<string[]> Null { get; } = new("--null") { Description = "text that means null in CSV input (repeatable; default: the empty field)", AllowMultipleArgumentsPerToken = false };

    public Option<bool> SkipBadRows { get; } = new("--skip-bad-rows") { Description = "skip CSV rows that do not parse, and report how many and where" };

    public void AddTo(Command command)
    {
        command.Options.Add(Delimiter);
        command.Options.Add(NoHeader);
        command.Options.Add(Null);
        command.Options.Add(SkipBadRows);
    }

    public CsvReadOptions Read(ParseResult parse)
    {
        var delimiter = parse.GetValue(Delimiter) ?? ",";
        if (delimiter == "\\t")
            delimiter = "\t";
        if (delimiter.Length != 1)
            throw new UsageException($"--delimiter takes one character, not '{delimiter}'");
        var nulls = parse.GetValue(Null);
        return new CsvReadOptions
        {
            Delimiter = delimiter[0],
            HasHeader = !parse.GetValue(NoHeader),
            NullValues = nulls is { Length: > 0 } ? nulls : [""],
            SkipBadRows = parse.GetValue(SkipBadRows),
        };
    }
}

/// <summary>A command line that parsed but does not make sense; exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
