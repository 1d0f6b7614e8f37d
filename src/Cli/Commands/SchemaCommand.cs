using System.CommandLine;
using FramesNet.Formats;

namespace FramesNet.Cli.Commands;

/// <summary><c>frames schema FILE</c>: column names and types (inferred for CSV), and any metadata.</summary>
internal static class SchemaCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "file to describe (.csv, .arrow, .arrows)" };
        var csv = new CsvOptionSet();
        var command = new Command("schema", "Show the columns of a table and their types") { file };
        csv.AddTo(command);
        command.SetAction(parse => CliApp.Guard(() =>
        {
            using var reader = TableFileReader.Open(parse.GetValue(file)!, csv.Read(parse));
            var schema = reader.Schema;
            var width = schema.Fields.Select(f => f.Name.Length).DefaultIfEmpty(0).Max();
            foreach (var field in schema.Fields)
            {
                Console.WriteLine($"{field.Name.PadRight(width)}  {field.Type}{(field.Nullable ? "" : " not null")}");
                foreach (var (key, value) in field.Metadata)
                    Console.WriteLine($"{"".PadRight(width)}    {key} = {value}");
            }
            foreach (var (key, value) in schema.Metadata)
                Console.WriteLine($"metadata {key} = {value}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
