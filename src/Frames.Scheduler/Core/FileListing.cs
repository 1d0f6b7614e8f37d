namespace FramesNet.Scheduler.Core;

/// <summary>
/// Merges what each worker listed into one entry per path, with the workers that see it. When workers
/// disagree about a path (different size or time: different files under one name), the version most
/// workers see wins (then the newest, then the largest) and only they are named.
/// </summary>
internal static class FileListing
{
    public static List<ListedFile> Merge(IEnumerable<(WorkerId Worker, string Host, IReadOnlyList<FileStat> Files)> listings)
    {
        var byPath = new Dictionary<string, List<(FileStat File, WorkerId Worker, string Host)>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (worker, host, files) in listings)
        {
            seen.Clear();
            foreach (var file in files)
            {
                if (!seen.Add(file.Path))
                    continue; // a worker naming a file twice still sees it once
                if (!byPath.TryGetValue(file.Path, out var sightings))
                    byPath[file.Path] = sightings = [];
                sightings.Add((file, worker, host));
            }
        }
        var merged = new List<ListedFile>(byPath.Count);
        foreach (var (path, sightings) in byPath)
        {
            var version = sightings
                .GroupBy(s => (s.File.Size, s.File.ModifiedTicks))
                .OrderByDescending(g => g.Count())
                .ThenByDescending(g => g.Key.ModifiedTicks)
                .ThenByDescending(g => g.Key.Size)
                .First();
            var holders = version.OrderBy(s => s.Worker.Value).ToList();
            merged.Add(new ListedFile(path, version.Key.Size, version.Key.ModifiedTicks, [.. holders.Select(s => s.Worker)], [.. holders.Select(s => s.Host)]));
        }
        merged.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return merged;
    }
}
