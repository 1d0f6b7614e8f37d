using FramesNet.Columns;

namespace FramesNet.Plan;

/// <summary>All rows of every input, in input order (UNION ALL). Inputs need the same column names and types.</summary>
public sealed class UnionNode : LogicalPlan
{
    private readonly LogicalPlan[] _inputs;

    public UnionNode(IReadOnlyList<LogicalPlan> inputs)
    {
        if (inputs.Count == 0)
            throw new PlanException("a union needs at least one input");
        var first = inputs[0].Schema;
        for (var i = 1; i < inputs.Count; i++)
        {
            var other = inputs[i].Schema;
            var same = other.Count == first.Count && first.Fields.Zip(other.Fields).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type);
            if (!same)
                throw new PlanException($"union input {i} has columns ({string.Join(", ", other.Fields)}) but input 0 has ({string.Join(", ", first.Fields)})");
        }
        _inputs = inputs.ToArray();
        Schema = new Schema(first.Fields.Select((f, c) => f.WithNullable(inputs.Any(p => p.Schema[c].Nullable))));
    }

    public override Schema Schema { get; }

    public override IReadOnlyList<LogicalPlan> Inputs => _inputs;

    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => new UnionNode(inputs);

    public override string Describe() => $"Union {_inputs.Length} inputs";
}
