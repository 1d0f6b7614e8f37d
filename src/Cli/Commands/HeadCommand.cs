using System.CommandLine;
using FramesNet.Columns;
using FramesNet.Formats;

namespace FramesNet.Cli.Commands;

/// <summary><c>frames head FILE [-n N]</c>: the first rows as an aligned table, reading no more than needed.</summary>
internal static class HeadCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "what to show: a file (.csv, .tsv, .arrow, .arrows, .parquet), a glob in quotes, or a folder of part files" };
        var rows = new Option<int>("-n", "--rows") { Description = "how many rows", DefaultValueFactory = _ => 10 };
        var inputs = new InputOptionSet();
        var command = new Command("head", "Show the first rows of a table") { file, rows };
        inputs.AddTo(command);
        command.SetAction(parse => CliApp.Guard(() =>
        {
            var n = parse.GetValue(rows);
            if (n < 0)
                throw new UsageException($"-n must be 0 or more, not {n}");
            using var reader = inputs.Open(parse, parse.GetValue(file)!);
            InputOptionSet.WarnAboutInference(reader);
            var taken = new List<RecordBatch>();
            var count = 0;
            foreach (var batch in reader.ReadBatches())
            {
                if (count >= n)
                    break;
                taken.Add(batch);
                count += batch.Length;
            }
            Console.Write(TextTable.Render(reader.Schema, taken, n));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
