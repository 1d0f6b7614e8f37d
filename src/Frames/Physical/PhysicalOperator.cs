using FramesNet.Columns;
using FramesNet.Execution;

namespace FramesNet.Physical;

/// <summary>
/// One step of a task's pipeline. Streaming operators (filter, project, probe) turn each batch into
/// another as it passes; blocking ones (aggregate, sort, distinct) read everything, then emit.
/// </summary>
/// <remarks>
/// An operator that builds a new batch from an input batch hands the input to <see cref="TaskContext.Release"/>,
/// which returns its buffers to the pool unless the batch is borrowed from another task's output.
/// </remarks>
internal abstract class PhysicalOperator
{
    /// <summary>Short operator name, used in error messages (<c>filter</c>, <c>aggregate</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The columns the operator outputs.</summary>
    public abstract Schema OutputSchema { get; }

    /// <summary>For EXPLAIN; also the spec hashed into task keys unless <see cref="Spec"/> says more.</summary>
    public abstract string Describe();

    public virtual string Spec => Describe();

    public abstract IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context);
}
