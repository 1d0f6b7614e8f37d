using FramesNet.Columns;
using FramesNet.Execution;
using FramesNet.Expressions;
using FramesNet.Expressions.Binding;
using FramesNet.Expressions.Evaluation;

namespace FramesNet.Physical;

/// <summary>Computes the output columns; a plain column reference shares the input column, no copy.</summary>
internal sealed class ProjectOperator : PhysicalOperator
{
    private readonly BoundExpr[] _bound;

    public ProjectOperator(Schema input, IReadOnlyList<Expr> expressions, Schema output)
    {
        InputSchema = input;
        Expressions = expressions;
        OutputSchema = output;
        _bound = expressions.Select(e => Binder.Bind(e, input)).ToArray();
    }

    public Schema InputSchema { get; }

    public IReadOnlyList<Expr> Expressions { get; }

    public override string Name => "project";

    public override Schema OutputSchema { get; }

    public override string Describe() =>
        $"Project {string.Join(", ", Expressions.Select(e => e is ColumnExpr or AliasExpr ? e.ToString() : $"{e} AS {new ColumnExpr(e.OutputName)}"))}";

    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        foreach (var batch in input)
        {
            var columns = new Column[_bound.Length];
            for (var i = 0; i < columns.Length; i++)
                columns[i] = ExprEvaluator.Evaluate(_bound[i], batch);
            var projected = new RecordBatch(OutputSchema, columns, batch.Length);
            context.Release(batch);
            yield return projected;
        }
    }
}
