using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Execution.Kernels;
using FramesNet.Expressions;
using FramesNet.Expressions.Binding;
using FramesNet.Expressions.Evaluation;

namespace FramesNet.Physical;

/// <summary>Keeps the rows where the predicate is true; a batch that loses no row passes through untouched.</summary>
internal sealed class FilterOperator : PhysicalOperator
{
    private readonly BoundExpr _predicate;

    public FilterOperator(Schema input, Expr predicate)
    {
        OutputSchema = input;
        Predicate = predicate;
        _predicate = Binder.BindPredicate(predicate, input);
    }

    public Expr Predicate { get; }

    public override string Name => "filter";

    public override Schema OutputSchema { get; }

    public override string Describe() => $"Filter {Predicate}";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        foreach (var batch in input)
        {
            var mask = ExprEvaluator.EvaluatePredicate(_predicate, batch);
            if (mask is null)
            {
                yield return batch;
                continue;
            }
            var kept = RecordBatchKernels.Filter(batch, mask);
            if (ReferenceEquals(kept, batch))
            {
                yield return batch;
                continue;
            }
            context.Release(batch);
            if (kept.Length > 0)
                yield return kept;
        }
    }
}
