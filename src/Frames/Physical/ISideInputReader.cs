using FramesNet.Columns;

namespace FramesNet.Physical;

/// <summary>
/// An operator or sink that reads one of its task's side inputs whole, by its position in
/// <see cref="TaskNode.SideInputs"/>. The planner checks, for every task, that the position exists and that the
/// partitions there have the columns the reader expects, so a reader pointed at the wrong side input fails
/// planning rather than reading another join's build side.
/// </summary>
internal interface ISideInputReader
{
    /// <summary>The position of the side input in the task's list.</summary>
    int SideInput { get; }

    /// <summary>The columns the side input must have, given the schema of the batches reaching the reader.</summary>
    Schema ExpectedSideInput(Schema input);
}
