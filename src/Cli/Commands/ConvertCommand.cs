using System.CommandLine;
using System.Diagnostics;
using FramesNet.Formats;

namespace FramesNet.Cli.Commands;

/// <summary><c>frames convert IN OUT</c>: CSV ⇄ Arrow IPC (file or stream), streaming batch by batch, written atomically.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "file to read (.csv, .arrow, .arrows)" };
        var output = new Argument<string>("OUT") { Description = "file to write; the format comes from the extension (.csv, .arrow = IPC file, .arrows = IPC stream)" };
        var csv = new CsvOptionSet();
        var command = new Command("convert", "Convert a table between CSV and Arrow IPC (file or stream format)") { input, output };
        csv.AddTo(command);
        command.SetAction((parse, cancel) => CliApp.Guard(() =>
        {
            var from = parse.GetValue(input)!;
            var to = parse.GetValue(output)!;
            var format = TableFormats.FromPath(to);
            if (Path.GetFullPath(from) == Path.GetFullPath(to))
                throw new UsageException("IN and OUT are the same file");
            var clock = Stopwatch.StartNew();
            using var reader = TableFileReader.Open(from, csv.Read(parse));
            using var writer = TableFileWriter.Create(to, reader.Schema, format);
            foreach (var batch in reader.ReadBatches())
            {
                cancel.ThrowIfCancellationRequested();
                writer.Write(batch);
                batch.Dispose();
            }
            writer.Commit();
            var skipped = reader.CsvReport is { BadRows: > 0 } report ? $"; skipped {report}" : "";
            Console.Error.WriteLine($"wrote {writer.Rows:N0} rows, {reader.Schema.Count} columns to {to} ({new FileInfo(to).Length / 1e6:N1} MB) in {clock.Elapsed.TotalSeconds:N2} s{skipped}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
