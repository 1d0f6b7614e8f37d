namespace FramesNet.Scheduler.Core;

/// <summary>One file as one worker sees it.</summary>
internal readonly record struct FileStat(string Path, long Size, long ModifiedTicks);
