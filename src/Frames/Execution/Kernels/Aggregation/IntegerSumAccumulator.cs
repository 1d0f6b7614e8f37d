using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// sum over integers into int64. Overflow throws <see cref="OverflowException"/> naming the column rather than
/// wrapping silently. State: <c>name</c> int64, null while the group has no value.
/// </summary>
internal sealed class IntegerSumAccumulator<T>(string name) : Accumulator(name) where T : unmanaged
{
    private long[] _sums = [];
    private bool[] _seen = [];

    public override IReadOnlyList<Field> StateFields => [new Field(Name, DataType.Int64)];

    public override DataType ResultType => DataType.Int64;

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
        var validity = new ValidityReader(column);
        var sums = _sums;
        var seen = _seen;
        try
        {
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (!validity.IsValid(i))
                    continue;
                var group = groupIds[i];
                sums[group] = checked(sums[group] + Numeric.ToInt64(values[i]));
                seen[group] = true;
            }
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds)
    {
        var column = (PrimitiveColumn<long>)state[0];
        var values = column.Values;
        var validity = new ValidityReader(column);
        try
        {
            for (var i = 0; i < groupIds.Length; i++)
            {
                if (!validity.IsValid(i))
                    continue;
                var group = groupIds[i];
                _sums[group] = checked(_sums[group] + values[i]);
                _seen[group] = true;
            }
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    private OverflowException Overflow() =>
        new($"sum '{Name}' overflows int64; cast the column to float64 before summing if an approximate sum will do");

    public override Column[] State(int groups) => [Result(groups)];

    public override Column Result(int groups) => Numeric.ToColumn(DataType.Int64, _sums.AsSpan(0, groups), _seen.AsSpan(0, groups));
}
