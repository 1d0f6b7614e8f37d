using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>mean as float64. State: <c>name$sum</c> float64, <c>name$count</c> int64.</summary>
internal sealed class MeanAccumulator<T>(string name) : Accumulator(name) where T : unmanaged
{
    private double[] _sums = [];
    private long[] _counts = [];

    public override IReadOnlyList<Field> StateFields =>
        [new Field(Name + "$sum", DataType.Float64, nullable: false), new Field(Name + "$count", DataType.Int64, nullable: false)];

    public override DataType ResultType => DataType.Float64;

    public override void Resize(int groups)
    {
        if (groups <= _sums.Length)
            return;
        var capacity = Capacity(_sums.Length, groups);
        Array.Resize(ref _sums, capacity);
        Array.Resize(ref _counts, capacity);
    }

    public override void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase)
    {
        var column = (PrimitiveColumn<T>)input!;
        var values = column.Values;
        var sums = _sums;
        var counts = _counts;
        if (column.NullCount == 0)
        {
            for (var i = 0; i < groupIds.Length; i++)
            {
                var group = groupIds[i];
                sums[group] += Numeric.ToDouble(values[i]);
                counts[group]++;
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
            counts[group]++;
        }
    }

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds)
    {
        var sums = ((PrimitiveColumn<double>)state[0]).Values;
        var counts = ((PrimitiveColumn<long>)state[1]).Values;
        for (var i = 0; i < groupIds.Length; i++)
        {
            _sums[groupIds[i]] += sums[i];
            _counts[groupIds[i]] += counts[i];
        }
    }

    public override Column[] State(int groups) =>
        [PrimitiveColumn<double>.From(DataType.Float64, _sums.AsSpan(0, groups)), PrimitiveColumn<long>.From(DataType.Int64, _counts.AsSpan(0, groups))];

    public override Column Result(int groups)
    {
        var means = new double[groups];
        var valid = new bool[groups];
        for (var g = 0; g < groups; g++)
        {
            valid[g] = _counts[g] > 0;
            means[g] = valid[g] ? _sums[g] / _counts[g] : 0;
        }
        return Numeric.ToColumn(DataType.Float64, means, valid);
    }
}
