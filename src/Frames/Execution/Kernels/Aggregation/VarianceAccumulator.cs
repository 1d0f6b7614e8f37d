using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Sample variance or standard deviation (ddof = 1) by Welford's update, merged with Chan et al.'s parallel
/// formula. State: <c>name$count</c> int64, <c>name$mean</c> float64, <c>name$m2</c> float64.
/// </summary>
internal sealed class VarianceAccumulator<T>(string name, bool standardDeviation) : Accumulator(name) where T : unmanaged
{
    private long[] _counts = [];
    private double[] _means = [];
    private double[] _m2 = [];

    public override IReadOnlyList<Field> StateFields =>
    [
        new Field(Name + "$count", DataType.Int64, nullable: false),
        new Field(Name + "$mean", DataType.Float64, nullable: false),
        new Field(Name + "$m2", DataType.Float64, nullable: false),
    ];

    public override DataType ResultType => DataType.Float64;

    public override void Resize(int groups)
    {
        if (groups <= _counts.Length)
            return;
        var capacity = Capacity(_counts.Length, groups);
        Array.Resize(ref _counts, capacity);
        Array.Resize(ref _means, capacity);
        Array.Resize(ref _m2, capacity);
    }

    public override void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase)
    {
        var column = (PrimitiveColumn<T>)input!;
        var values = column.Values;
        var validity = new ValidityReader(column);
        for (var i = 0; i < groupIds.Length; i++)
        {
            if (!validity.IsValid(i))
                continue;
            var group = groupIds[i];
            var x = Numeric.ToDouble(values[i]);
            var n = ++_counts[group];
            var delta = x - _means[group];
            _means[group] += delta / n;
            _m2[group] += delta * (x - _means[group]);
        }
    }

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds)
    {
        var counts = ((PrimitiveColumn<long>)state[0]).Values;
        var means = ((PrimitiveColumn<double>)state[1]).Values;
        var m2 = ((PrimitiveColumn<double>)state[2]).Values;
        for (var i = 0; i < groupIds.Length; i++)
        {
            if (counts[i] == 0)
                continue;
            var group = groupIds[i];
            long na = _counts[group], nb = counts[i], n = na + nb;
            var delta = means[i] - _means[group];
            _means[group] += delta * nb / n;
            _m2[group] += m2[i] + delta * delta * ((double)na * nb / n);
            _counts[group] = n;
        }
    }

    public override Column[] State(int groups) =>
    [
        PrimitiveColumn<long>.From(DataType.Int64, _counts.AsSpan(0, groups)),
        PrimitiveColumn<double>.From(DataType.Float64, _means.AsSpan(0, groups)),
        PrimitiveColumn<double>.From(DataType.Float64, _m2.AsSpan(0, groups)),
    ];

    public override Column Result(int groups)
    {
        var results = new double[groups];
        var valid = new bool[groups];
        for (var g = 0; g < groups; g++)
        {
            valid[g] = _counts[g] >= 2;
            var variance = valid[g] ? _m2[g] / (_counts[g] - 1) : 0;
            results[g] = standardDeviation ? Math.Sqrt(variance) : variance;
        }
        return Numeric.ToColumn(DataType.Float64, results, valid);
    }
}
