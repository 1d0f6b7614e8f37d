using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>count(*) (every row) or count(col) (non-null values). State: <c>name</c> int64.</summary>
internal sealed class CountAccumulator(string name, bool countNulls) : Accumulator(name)
{
    private long[] _counts = [];

    public override IReadOnlyList<Field> StateFields => [new Field(Name, DataType.Int64, nullable: false)];

    public override DataType ResultType => DataType.Int64;

    public override void Resize(int groups)
    {
        if (groups > _counts.Length)
            Array.Resize(ref _counts, Capacity(_counts.Length, groups));
    }

    public override void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase)
    {
        var counts = _counts;
        if (countNulls || input!.NullCount == 0)
        {
            foreach (var group in groupIds)
                counts[group]++;
            return;
        }
        var validity = new ValidityReader(input);
        for (var i = 0; i < groupIds.Length; i++)
            if (validity.IsValid(i))
                counts[groupIds[i]]++;
    }

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds)
    {
        var counts = ((PrimitiveColumn<long>)state[0]).Values;
        for (var i = 0; i < groupIds.Length; i++)
            _counts[groupIds[i]] += counts[i];
    }

    public override Column[] State(int groups) => [Result(groups)];

    public override Column Result(int groups) => PrimitiveColumn<long>.From(DataType.Int64, _counts.AsSpan(0, groups));
}
