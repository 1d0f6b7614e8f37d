using FramesNet.Formats;
using FramesNet.Plan;

namespace FramesNet.Worker.Files;

/// <summary>One file a worker sees: its path, size and last write time (UTC ticks).</summary>
internal readonly record struct ListedFile(string Path, long Size, long ModifiedTicks);

/// <summary>Expands a file pattern on this machine, keeping the files under the data roots.</summary>
internal sealed class FileLister(DataRoots roots)
{
    /// <summary>
    /// The matching files in ordinal order (a folder: its part files, as <see cref="TableFiles.PartFiles"/> says); none
    /// when nothing matches (another worker may see them).
    /// </summary>
    public IReadOnlyList<ListedFile> List(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern) || !Path.IsPathFullyQualified(pattern))
            throw new ArgumentException($"a file pattern must be an absolute path or glob, not '{pattern}'");
        if (!roots.MayHoldMatches(FixedPrefix(pattern)))
            return [];
        IReadOnlyList<string> paths;
        try
        {
            paths = Directory.Exists(pattern) ? TableFiles.PartFiles(pattern) : PathGlob.Expand(pattern);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
        var files = new List<ListedFile>(paths.Count);
        foreach (var path in paths)
        {
            if (!roots.Allows(path))
                continue;
            var info = new FileInfo(path);
            if (info.Exists)
                files.Add(new ListedFile(path, info.Length, info.LastWriteTimeUtc.Ticks));
        }
        return files;
    }

    /// <summary>The folder part of a pattern before its first wildcard: every match lies under it.</summary>
    private static string FixedPrefix(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var wildcard = full.AsSpan().IndexOfAny("*?[");
        if (wildcard < 0)
            return full;
        var separator = full.LastIndexOf(Path.DirectorySeparatorChar, wildcard);
        return separator <= 0 ? Path.GetPathRoot(full)! : full[..separator];
    }
}
