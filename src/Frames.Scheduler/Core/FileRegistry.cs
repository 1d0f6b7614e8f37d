namespace FramesNet.Scheduler.Core;

/// <summary>
/// Which workers see which files, from the listings clients asked for. A file that every worker taking
/// part in its listing saw alike (same size and time) is on shared storage and may be scanned anywhere;
/// a file only some of them saw pins its scans to those. The latest listing of a path wins.
/// </summary>
internal sealed class FileRegistry
{
    private readonly Dictionary<string, Sighting> _files = new(StringComparer.Ordinal);

    public int Count => _files.Count;

    public void Record(IReadOnlyList<ListedFile> files, IReadOnlyList<WorkerId> participants)
    {
        // A listing names each worker at most once per file, and only workers that took part.
        foreach (var file in files)
            _files[file.Path] = new Sighting(file.Workers, Shared: file.Workers.Count >= participants.Count);
    }

    /// <summary>The workers a scan of <paramref name="path"/> must run on, or null when it may run anywhere (shared or unknown).</summary>
    public IReadOnlyList<WorkerId>? PinnedTo(string? path) =>
        path is not null && _files.TryGetValue(path, out var sighting) && !sighting.Shared ? sighting.Workers : null;

    /// <summary>Every worker known to see <paramref name="path"/> (empty when never listed).</summary>
    public IReadOnlyList<WorkerId> SeenBy(string path) => _files.TryGetValue(path, out var sighting) ? sighting.Workers : [];

    private sealed record Sighting(IReadOnlyList<WorkerId> Workers, bool Shared);
}
