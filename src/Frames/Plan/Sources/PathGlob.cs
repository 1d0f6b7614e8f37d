namespace FramesNet.Plan;

/// <summary>Expands file patterns: <c>*</c>, <c>?</c> and <c>[0-9]</c>-style classes in names, <c>**</c> for any depth of folders.</summary>
public static class PathGlob
{
    /// <summary>The files <paramref name="pattern"/> names, in ordinal order; a pattern without wildcards is the one file.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var full = Path.GetFullPath(pattern);
        if (!HasWildcards(full))
        {
            if (!File.Exists(full))
                throw new FileNotFoundException(Directory.Exists(full) ? $"{pattern} is a folder; name files, e.g. {Path.Combine(pattern, "*.csv")}" : $"no such file: {pattern}", pattern);
            return [full];
        }
        var parts = full.Split(Path.DirectorySeparatorChar);
        var fixedParts = parts.TakeWhile(p => !HasWildcards(p)).ToArray();
        var root = string.Join(Path.DirectorySeparatorChar, fixedParts);
        if (root.Length == 0)
            root = Path.DirectorySeparatorChar.ToString();
        var rest = parts.Skip(fixedParts.Length).ToArray();
        if (!Directory.Exists(root))
            throw new FileNotFoundException($"no files match {pattern}: folder {root} does not exist", pattern);
        var files = Match(root, rest).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
            throw new FileNotFoundException($"no files match {pattern}", pattern);
        return files;
    }

    private static IEnumerable<string> Match(string folder, string[] parts)
    {
        if (parts.Length == 1)
            return Directory.EnumerateFiles(folder).Where(f => NameMatches(parts[0], Path.GetFileName(f)));
        if (parts[0] == "**")
            return Match(folder, parts[1..]).Concat(Directory.EnumerateDirectories(folder).SelectMany(d => Match(d, parts)));
        return Directory.EnumerateDirectories(folder).Where(d => NameMatches(parts[0], Path.GetFileName(d))).SelectMany(d => Match(d, parts[1..]));
    }

    /// <summary>Whether <paramref name="text"/> holds a wildcard (<c>*</c>, <c>?</c> or <c>[</c>).</summary>
    public static bool HasWildcards(string text) => text.AsSpan().IndexOfAny("*?[") >= 0;


    private static bool NameMatches(string pattern, string name)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var close = c == '[' ? pattern.IndexOf(']', i + 1) : -1;
            if (c == '*') regex.Append(".*");
            else if (c == '?') regex.Append('.');
            else if (close > i + 1)
            {
                var set = pattern[(i + 1)..close];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                i = close;
            }
            else regex.Append(System.Text.RegularExpressions.Regex.Escape(c.ToString()));
        }
        return System.Text.RegularExpressions.Regex.IsMatch(name, regex.Append('$').ToString());
    }
}
