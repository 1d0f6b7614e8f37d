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

    /// <remarks>
    /// A column passed through keeps its encoding: a dictionary-encoded column (from a join's build side)
    /// stays encoded, and the batch's schema says so, so kernels downstream can use the dictionary.
    /// </remarks>
    public override IEnumerable<RecordBatch> Execute(IEnumerable<RecordBatch> input, TaskContext context)
    {
        Schema? encoded = null;
        foreach (var batch in input)
        {
            var columns = new Column[_bound.Length];
            var dictionaries = false;
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = _bound[i] is BoundColumn c ? batch.Column(c.Index) : ExprEvaluator.Evaluate(_bound[i], batch);
                dictionaries |= columns[i].Type != OutputSchema[i].Type;
            }
            var schema = OutputSchema;
            if (dictionaries)
            {
                if (encoded is null || !encoded.Fields.Select(f => f.Type).SequenceEqual(columns.Select(c => c.Type)))
                    encoded = new Schema(OutputSchema.Fields.Select((f, i) => f.WithType(columns[i].Type)));
                schema = encoded;
            }
            var projected = new RecordBatch(schema, columns, batch.Length);
            context.Release(batch);
            yield return projected;
        }
    }
}
