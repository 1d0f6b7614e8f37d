namespace FramesNet.Physical;

/// <summary>A group of tasks that run the same pipeline over different partitions.</summary>
public sealed record Stage(int Id, string Name, string Pipeline, int TaskCount);
