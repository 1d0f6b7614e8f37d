namespace FramesNet.Worker.Files;

/// <summary>
/// The folders a worker may read (<c>--data-root</c>); with none, every file is allowed. A path is
/// under a root when its full form (".." resolved) starts with the root followed by a separator.
/// </summary>
internal sealed class DataRoots
{
    private readonly string[] _roots;

    public DataRoots(IEnumerable<string> roots) =>
        _roots = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r))).Distinct(StringComparer.Ordinal).ToArray();

    public static DataRoots Everywhere { get; } = new([]);

    public IReadOnlyList<string> Paths => _roots;

    public bool IsRestricted => _roots.Length > 0;

    public bool Allows(string path)
    {
        if (_roots.Length == 0)
            return true;
        if (!Path.IsPathFullyQualified(path))
            return false;
        var full = Path.GetFullPath(path);
        foreach (var root in _roots)
        {
            if (full == root || (root == Path.GetPathRoot(root) && full.StartsWith(root, StringComparison.Ordinal)))
                return true;
            if (full.Length > root.Length && full.StartsWith(root, StringComparison.Ordinal) && full[root.Length] == Path.DirectorySeparatorChar)
                return true;
        }
        return false;
    }

    /// <summary>Whether files under <paramref name="folder"/> may be allowed: it is under a root, or a root is under it.</summary>
    public bool MayHoldMatches(string folder)
    {
        if (_roots.Length == 0 || Allows(folder))
            return true;
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return _roots.Any(root => root == prefix || (root.StartsWith(prefix, StringComparison.Ordinal) &&
            (prefix == Path.GetPathRoot(prefix) || root[prefix.Length] == Path.DirectorySeparatorChar)));
    }

    /// <summary>The message for a refused path, naming it and the roots.</summary>
    public string Refusal(string path) =>
        $"{path} is outside this worker's data roots ({string.Join(", ", _roots)})";

    public override string ToString() => _roots.Length == 0 ? "(any)" : string.Join(", ", _roots);
}
