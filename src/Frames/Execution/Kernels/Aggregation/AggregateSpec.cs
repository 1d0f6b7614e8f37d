namespace FramesNet.Execution.Kernels;

/// <summary>One aggregate: a function over the input column at <paramref name="Column"/> (-1 for count(*)), named <paramref name="Name"/> in the output.</summary>
public sealed record AggregateSpec(AggregateKind Function, int Column, string Name)
{
    public static AggregateSpec CountAll(string name) => new(AggregateKind.CountAll, -1, name);

    public override string ToString() => Function == AggregateKind.CountAll ? $"{Name} = count(*)" : $"{Name} = {Function}(#{Column})";
}
