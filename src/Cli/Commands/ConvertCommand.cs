using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FramesNet.Display;
using FramesNet.Formats.Csv;
using FramesNet.Formats;

namespace FramesNet.Cli.Commands;

/// <summary><c>frames convert IN OUT</c>: between CSV, Arrow IPC (file or stream) and Parquet, streaming batch by batch, written atomically.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "what to read: a file (.csv, .tsv, .arrow, .arrows, .parquet), a glob in quotes, or a folder of part files" };
        var output = new Argument<string>("OUT") { Description = "file to write; the format comes from the extension (.csv, .tsv, .arrow = IPC file, .arrows = IPC stream, .parquet = Parquet, snappy)" };
        var inputs = new InputOptionSet();
        var command = new Command("convert", "Convert a table between CSV, Arrow IPC (file or stream format) and Parquet") { input, output };
        inputs.AddTo(command);
        command.SetAction(parse => CliApp.Guard(() =>
        {
            var from = parse.GetValue(input)!;
            var to = parse.GetValue(output)!;
            var format = TableFormats.FromPath(to);
            if (Path.GetFullPath(from) == Path.GetFullPath(to))
                throw new UsageException("IN and OUT are the same file");
            var clock = Stopwatch.StartNew();
            using var reader = inputs.Open(parse, from);
            InputOptionSet.WarnAboutInference(reader);
            using var writer = TableFileWriter.Create(to, reader.Schema, format, new CsvWriteOptions { Delimiter = TableFormats.DefaultDelimiter(to) });
            foreach (var batch in reader.ReadBatches())
            {
                CliApp.Stopping.ThrowIfCancellationRequested();
                writer.Write(batch);
                batch.Dispose();
            }
            writer.Commit();
            Console.Error.WriteLine(Summary(writer.Rows, reader.Schema.Count, to, clock.Elapsed, reader.CsvReport));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>
    /// <c>wrote 299,999 rows, 4 columns to out.arrow (12.3 MB) in 0.52 s; skipped 1 bad row:</c> and the first few
    /// skipped rows (file:line, field, why), one per line.
    /// </summary>
    private static string Summary(long rows, int columns, string to, TimeSpan elapsed, CsvReadReport? report)
    {
        var text = $"wrote {Counted.Of(rows, "row")}, {Counted.Of(columns, "column")} to {to} " +
                   $"({(new FileInfo(to).Length / 1e6).ToString("N1", CultureInfo.InvariantCulture)} MB) in {elapsed.TotalSeconds.ToString("N2", CultureInfo.InvariantCulture)} s";
        return report is { BadRows: > 0 } ? $"{text}; {report.DescribeSkipped(ListedBadRows)}" : text;
    }

    /// <summary>How many skipped rows the summary lists by file and line.</summary>
    private const int ListedBadRows = 5;
}
