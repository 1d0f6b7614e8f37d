using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// min, max, first and last over fixed-width values (and bool as 0/1). State: <c>name</c> (input type, null while
/// the group has no value); first/last add <c>name$ordinal</c> int64, the winning row's (partition, row) ordinal.
/// </summary>
internal sealed class PrimitiveValueAccumulator<T>(string name, DataType type, ValueKind kind) : Accumulator(name) where T : unmanaged
{
    private T[] _values = [];
    private bool[] _has = [];
    private long[] _ordinals = [];

    private bool Ordered => kind is ValueKind.First or ValueKind.Last;

    public override IReadOnlyList<Field> StateFields => Ordered
        ? [new Field(Name, type), new Field(Name + "$ordinal", DataType.Int64, nullable: false)]
        : [new Field(Name, type)];

    public override DataType ResultType => type;

    public override void Resize(int groups)
    {
        if (groups <= _values.Length)
            return;
        var capacity = Capacity(_values.Length, groups);
        Array.Resize(ref _values, capacity);
        Array.Resize(ref _has, capacity);
        if (Ordered)
            Array.Resize(ref _ordinals, capacity);
    }

    public override void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase)
    {
        var column = Numeric.AsPrimitive<T>(input!);
        var values = column.Values;
        var validity = new ValidityReader(column);
        var current = _values;
        var has = _has;
        for (var i = 0; i < groupIds.Length; i++)
        {
            if (!validity.IsValid(i))
                continue;
            var group = groupIds[i];
            var value = values[i];
            var take = kind switch
            {
                ValueKind.Min => !has[group] || Numeric.Compare(value, current[group]) < 0,
                ValueKind.Max => !has[group] || Numeric.Compare(value, current[group]) > 0,
                ValueKind.First => !has[group],
                _ => true,
            };
            if (!take)
                continue;
            current[group] = value;
            has[group] = true;
            if (Ordered)
                _ordinals[group] = ordinalBase + i;
        }
    }

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds)
    {
        var column = Numeric.AsPrimitive<T>(state[0]);
        var values = column.Values;
        var validity = new ValidityReader(column);
        var ordinals = Ordered ? ((PrimitiveColumn<long>)state[1]).Values : default;
        for (var i = 0; i < groupIds.Length; i++)
        {
            if (!validity.IsValid(i))
                continue;
            var group = groupIds[i];
            var value = values[i];
            var take = kind switch
            {
                ValueKind.Min => !_has[group] || Numeric.Compare(value, _values[group]) < 0,
                ValueKind.Max => !_has[group] || Numeric.Compare(value, _values[group]) > 0,
                ValueKind.First => !_has[group] || ordinals[i] < _ordinals[group],
                _ => !_has[group] || ordinals[i] > _ordinals[group],
            };
            if (!take)
                continue;
            _values[group] = value;
            _has[group] = true;
            if (Ordered)
                _ordinals[group] = ordinals[i];
        }
    }

    public override Column[] State(int groups) => Ordered
        ? [Result(groups), PrimitiveColumn<long>.From(DataType.Int64, _ordinals.AsSpan(0, groups))]
        : [Result(groups)];

    public override Column Result(int groups) => Numeric.ToColumn<T>(type, _values.AsSpan(0, groups), _has.AsSpan(0, groups));
}
