using FramesNet.Plan;

namespace FramesNet.Formats;

/// <summary>
/// The files a command line names: a file, a glob (<c>out/part-*.arrow</c>), or a folder of part files as
/// <see cref="DataFrame.WriteCsv"/> and <see cref="DataFrame.WriteArrow"/> write them; and the format they are in.
/// </summary>
public static class TableFiles
{
    /// <summary>The formats <see cref="Frames.ReadCsv(string, Csv.CsvReadOptions?, FramesContext?)"/> takes from a folder.</summary>
    public static readonly IReadOnlySet<TableFormat> Csv = new HashSet<TableFormat> { TableFormat.Csv };

    /// <summary>The formats <see cref="Frames.ReadArrow(string, FramesContext?)"/> takes from a folder.</summary>
    public static readonly IReadOnlySet<TableFormat> Arrow = new HashSet<TableFormat> { TableFormat.ArrowFile, TableFormat.ArrowStream };

    /// <summary>The formats <see cref="Frames.ReadParquet(string, Parquet.ParquetReadOptions?, FramesContext?)"/> takes from a folder.</summary>
    public static readonly IReadOnlySet<TableFormat> Parquet = new HashSet<TableFormat> { TableFormat.Parquet };

    /// <summary>
    /// The files <paramref name="pathFolderOrGlob"/> names, in ordinal order. A folder gives its files (not those in
    /// subfolders, nor hidden ones such as a writer's temporary files): those with <paramref name="format"/>'s
    /// extension when it is given and some have it, else those whose extension names a table format.
    /// </summary>
    public static IReadOnlyList<string> Resolve(string pathFolderOrGlob, TableFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathFolderOrGlob);
        if (!Directory.Exists(pathFolderOrGlob))
            return PathGlob.Expand(pathFolderOrGlob);
        var files = PartFiles(pathFolderOrGlob);
        var known = files.Where(f => TryFromPath(f) is not null).ToList();
        var chosen = format is { } wanted && files.Any(f => TryFromPath(f) == wanted) ? files.Where(f => TryFromPath(f) == wanted).ToList()
            : format is not null && known.Count == 0 ? files
            : known;
        if (chosen.Count == 0)
            throw new FileNotFoundException(files.Count == 0
                ? $"{pathFolderOrGlob} is an empty folder"
                : $"{pathFolderOrGlob} holds no .csv, .tsv, .arrow, .arrows or .parquet files ({Some(files)}); name the format with --format", pathFolderOrGlob);
        return chosen;
    }

    /// <summary>
    /// The files a path, a glob or a folder of part files names for a reader of <paramref name="formats"/>: a folder
    /// gives its part files with those formats' extensions (a folder holding none is an error naming what it holds).
    /// </summary>
    public static IReadOnlyList<string> Resolve(string pathFolderOrGlob, IReadOnlySet<TableFormat> formats)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathFolderOrGlob);
        return Directory.Exists(pathFolderOrGlob) ? OfFormats(PartFiles(pathFolderOrGlob), formats, pathFolderOrGlob) : PathGlob.Expand(pathFolderOrGlob);
    }

    /// <summary>A folder's part files, in ordinal order: its files, not those in subfolders nor hidden ones (a writer's temporary files).</summary>
    public static IReadOnlyList<string> PartFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder).Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith('_')).Order(StringComparer.Ordinal)];

    /// <summary>Of a folder's part files, those whose extension names one of <paramref name="formats"/>; none is an error naming the folder.</summary>
    public static IReadOnlyList<string> OfFormats(IReadOnlyList<string> files, IReadOnlySet<TableFormat> formats, string folder)
    {
        var chosen = files.Where(f => TryFromPath(f) is { } format && formats.Contains(format)).ToList();
        if (chosen.Count == 0)
        {
            var extensions = string.Join(", ", formats.SelectMany(Extensions));
            throw new FileNotFoundException(files.Count == 0
                ? $"{folder} is an empty folder"
                : $"{folder} is a folder with no {extensions} files ({Some(files)}); name the files, e.g. {Path.Combine(folder, "*" + Extensions(formats.First())[0])}", folder);
        }
        return chosen;
    }

    private static string[] Extensions(TableFormat format) => format switch
    {
        TableFormat.Csv => [".csv", ".tsv"],
        TableFormat.ArrowFile => [".arrow"],
        TableFormat.ArrowStream => [".arrows"],
        TableFormat.Parquet => [".parquet"],
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "no such table format"),
    };

    private static string Some(IReadOnlyList<string> files) =>
        string.Join(", ", files.Take(5).Select(Path.GetFileName)) + (files.Count > 5 ? ", …" : "");

    /// <summary>The one format of <paramref name="files"/>, told by their extensions; files in several formats are an error.</summary>
    public static TableFormat FormatOf(IReadOnlyList<string> files, string named)
    {
        var formats = files.Select(TableFormats.FromPath).Distinct().ToList();
        if (formats.Count > 1)
            throw new FormatException($"{named} names files in {formats.Count} formats ({string.Join(", ", files.Select(Path.GetExtension).Distinct())}); name one with a glob or --format");
        return formats[0];
    }

    private static TableFormat? TryFromPath(string path)
    {
        try
        {
            return TableFormats.FromPath(path);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
