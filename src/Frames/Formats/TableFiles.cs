using FramesNet.Plan;

namespace FramesNet.Formats;

/// <summary>
/// The files a command line names: a file, a glob (<c>out/part-*.arrow</c>), or a folder of part files as
/// <see cref="DataFrame.WriteCsv"/> and <see cref="DataFrame.WriteArrow"/> write them; and the format they are in.
/// </summary>
public static class TableFiles
{
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
        var files = Directory.EnumerateFiles(pathFolderOrGlob)
            .Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith('_'))
            .Order(StringComparer.Ordinal).ToList();
        var known = files.Where(f => TryFromPath(f) is not null).ToList();
        var chosen = format is { } wanted && files.Any(f => TryFromPath(f) == wanted) ? files.Where(f => TryFromPath(f) == wanted).ToList()
            : format is not null && known.Count == 0 ? files
            : known;
        if (chosen.Count == 0)
            throw new FileNotFoundException(files.Count == 0
                ? $"{pathFolderOrGlob} is an empty folder"
                : $"{pathFolderOrGlob} holds no .csv, .tsv, .arrow or .arrows files ({string.Join(", ", files.Take(5).Select(Path.GetFileName))}{(files.Count > 5 ? ", …" : "")}); name the format with --format", pathFolderOrGlob);
        return chosen;
    }

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
