using System.CommandLine;

namespace FramesNet.Cli.Commands;

/// <summary>
/// <c>frames schema FILE</c>: column names and types, and any metadata. For CSV it says the types were inferred and
/// from how many rows, and why a column is utf8 when most of its sampled values fit another type.
/// </summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "what to describe: a file (.csv, .tsv, .arrow, .arrows, .parquet), a glob in quotes, or a folder of part files" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "for Parquet: each file's row groups, and per column chunk its compression, nulls and min/max" };
        var inputs = new InputOptionSet();
        var command = new Command("schema", "Show the columns of a table and their types (for CSV: how they were inferred; for Parquet with --verbose: row groups and statistics)") { file, verbose };
        inputs.AddTo(command);
        command.SetAction(parse => CliApp.Guard(() =>
        {
            using var reader = inputs.Open(parse, parse.GetValue(file)!);
            var schema = reader.Schema;
            var inference = reader.CsvInference;
            if (inference is not null)
                Console.WriteLine($"{inference.Describe()}{(inference.SampledAllRows ? "" : " (--infer-rows N samples more)")}:");
            var width = schema.Fields.Select(f => f.Name.Length).DefaultIfEmpty(0).Max();
            var typeWidth = schema.Fields.Select(f => f.Type.ToString()!.Length + (f.Nullable ? 0 : " not null".Length)).DefaultIfEmpty(0).Max();
            for (var i = 0; i < schema.Count; i++)
            {
                var field = schema[i];
                var type = $"{field.Type}{(field.Nullable ? "" : " not null")}";
                var note = inference?.Columns[i].Note(inference.Files.Count > 1);
                Console.WriteLine(note is null ? $"{field.Name.PadRight(width)}  {type}" : $"{field.Name.PadRight(width)}  {type.PadRight(typeWidth)}  {note}");
                foreach (var (key, value) in field.Metadata)
                    Console.WriteLine($"{"".PadRight(width)}    {key} = {value}");
            }
            foreach (var (key, value) in schema.Metadata)
                Console.WriteLine($"metadata {key} = {value}");
            if (reader.Parquet is { } parquet)
            {
                Console.WriteLine(parquet.Describe());
                if (parse.GetValue(verbose))
                    foreach (var path in parquet.Paths)
                        foreach (var line in FramesNet.Formats.Parquet.ParquetFileReport.Describe(path))
                            Console.WriteLine(line);
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
