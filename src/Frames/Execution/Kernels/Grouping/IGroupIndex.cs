using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>Assigns dense group ids to key rows in order of first appearance, and gives the keys back.</summary>
internal interface IGroupIndex
{
    int Count { get; }

    /// <summary>Writes each row's group id; returns how many groups the rows opened (the last ids).</summary>
    int Insert(IReadOnlyList<Column> keys, Span<int> groupIds);

    /// <summary>The keys of groups [start, start + count).</summary>
    Column[] Keys(int start, int count);
}
