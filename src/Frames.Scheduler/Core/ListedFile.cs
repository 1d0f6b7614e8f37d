namespace FramesNet.Scheduler.Core;

/// <summary>A file of a listing, with the workers (and their hosts) that see it with this size and time.</summary>
internal sealed record ListedFile(string Path, long Size, long ModifiedTicks, IReadOnlyList<WorkerId> Workers, IReadOnlyList<string> Hosts);
