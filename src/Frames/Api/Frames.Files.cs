using FramesNet.Formats;
using FramesNet.Formats.Arrow;
using FramesNet.Formats.Csv;
using FramesNet.Formats.Parquet;
using FramesNet.Plan;

namespace FramesNet;

public static partial class Frames
{
    /// <summary>
    /// A DataFrame over CSV files: a path, a glob (<c>/data/trips-*.csv</c>, <c>**</c> for any depth), a folder of
    /// part files (what <see cref="DataFrame.WriteCsv"/> writes: its <c>.csv</c>/<c>.tsv</c> files), or several. The schema comes from <paramref name="options"/> or is inferred from a sample now;
    /// nothing else is read until the frame runs.
    /// </summary>
    public static DataFrame ReadCsv(string pathOrGlob, CsvReadOptions? options = null, FramesContext? context = null) =>
        ReadCsv([pathOrGlob], options, context);

    public static DataFrame ReadCsv(IReadOnlyList<string> pathsOrGlobs, CsvReadOptions? options = null, FramesContext? context = null) =>
        new(new ScanNode(new CsvSource(pathsOrGlobs.SelectMany(p => TableFiles.Resolve(p, TableFiles.Csv)).Distinct().ToArray(), options)), context ?? FramesContext.Local);

    /// <summary>
    /// A DataFrame over Arrow IPC files (file or stream format): a path, a glob, a folder of part files (what
    /// <see cref="DataFrame.WriteArrow"/> writes: its <c>.arrow</c>/<c>.arrows</c> files), or several.
    /// </summary>
    public static DataFrame ReadArrow(string pathOrGlob, FramesContext? context = null) => ReadArrow([pathOrGlob], context);

    public static DataFrame ReadArrow(IReadOnlyList<string> pathsOrGlobs, FramesContext? context = null) =>
        new(new ScanNode(new ArrowSource(pathsOrGlobs.SelectMany(p => TableFiles.Resolve(p, TableFiles.Arrow)).Distinct().ToArray())), context ?? FramesContext.Local);

    /// <summary>
    /// A DataFrame over Parquet files: a path, a glob, a folder of part files (what <see cref="DataFrame.WriteParquet"/>
    /// writes), or several. The footers are read now (schema, row groups, statistics); a filter on the frame skips the
    /// row groups whose statistics rule it out, and only the columns the plan needs are read. Folders named
    /// <c>key=value</c> in the paths become columns (see <see cref="ParquetReadOptions.HivePartitions"/>).
    /// </summary>
    public static DataFrame ReadParquet(string pathOrGlob, ParquetReadOptions? options = null, FramesContext? context = null) =>
        ReadParquet([pathOrGlob], options, context);

    public static DataFrame ReadParquet(IReadOnlyList<string> pathsOrGlobs, ParquetReadOptions? options = null, FramesContext? context = null) =>
        new(new ScanNode(new ParquetSource(pathsOrGlobs.SelectMany(p => TableFiles.Resolve(p, TableFiles.Parquet)).Distinct().ToArray(), options)), context ?? FramesContext.Local);
}
