using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>sum over floats into float64. State: <c>name</c> float64, null while the group has no value.</summary>
internal sealed class FloatSumAccumulator<T>(string name) : Accumulator(name) where T : unmanaged
{
    private double[] _sums = [];
    private bool[] _seen = [];

    public override IReadOnlyList<Field> StateFields => [new Field(Name, DataType.Float64)];

    public override DataType ResultType => DataType.Float64;

    public override void Resize(int groups)
    {
        if (groups <= _sums.Length)
            return;
        var capacity = Capacity(_sums.Length, groups);
        Array.Resize(ref _sums, capacity);
        Array.Resize(ref _seen, capacity);
    }

    public override void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase)
    {
        var column = (PrimitiveColumn<T>)input!;
        var values = column.Values;
        var sums = _sums;
        var seen = _seen;
        if (column.NullCount == 0)
        {
            for (var i = 0; i < groupIds.Length; i++)
            {
                var group = groupIds[i];
                sums[group] += Numeric.ToDouble(values[i]);
                seen[group] = true;
            }
            return;
        }
        var validity = new ValidityReader(column);
        for (var i = 0; i < groupIds.Length; i++)
        {
            if (!validity.IsValid(i))
                continue;
            var group = groupIds[i];
            sums[group] += Numeric.ToDouble(values[i]);
            seen[group] = true;
        }
    }

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds)
    {
        var column = (PrimitiveColumn<double>)state[0];
        var values = column.Values;
        var validity = new ValidityReader(column);
        for (var i = 0; i < groupIds.Length; i++)
        {
            if (!validity.IsValid(i))
                continue;
            _sums[groupIds[i]] += values[i];
            _seen[groupIds[i]] = true;
        }
    }

    public override Column[] State(int groups) => [Result(groups)];

    public override Column Result(int groups) => Numeric.ToColumn(DataType.Float64, _sums.AsSpan(0, groups), _seen.AsSpan(0, groups));
}
