using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// min, max (byte order), first and last over utf8/binary values; same state layout as
/// <see cref="PrimitiveValueAccumulator{T}"/>. Each batch first picks its winning row per group without copying,
/// then copies at most one value per touched group.
/// </summary>
internal sealed class BinaryValueAccumulator(string name, DataType type, ValueKind kind) : Accumulator(name)
{
    private byte[]?[] _values = [];
    private long[] _ordinals = [];
    private int[] _winner = [];     // per group: winning row of the current batch, or -1
    private readonly List<int> _touched = [];

    private bool Ordered => kind is ValueKind.First or ValueKind.Last;

    public override IReadOnlyList<Field> StateFields => Ordered
        ? [new Field(Name, type), new Field(Name + "$ordinal", DataType.Int64, nullable: false)]
        : [new Field(Name, type)];

    public override DataType ResultType => type;

    public override void Resize(int groups)
    {
        if (groups <= _values.Length)
            return;
        var old = _values.Length;
        var capacity = Capacity(old, groups);
        Array.Resize(ref _values, capacity);
        Array.Resize(ref _ordinals, capacity);
        Array.Resize(ref _winner, capacity);
        _winner.AsSpan(old).Fill(-1);
    }

    public override void Update(Column? input, ReadOnlySpan<int> groupIds, long ordinalBase) =>
        Fold((BinaryColumn)input!, groupIds, default, ordinalBase);

    public override void Merge(IReadOnlyList<Column> state, ReadOnlySpan<int> groupIds) =>
        Fold((BinaryColumn)state[0], groupIds, Ordered ? ((PrimitiveColumn<long>)state[1]).Values : default, 0);

    /// <summary>Rows carry ordinals from <paramref name="ordinals"/> when merging, else ordinalBase + row.</summary>
    private void Fold(BinaryColumn column, ReadOnlySpan<int> groupIds, ReadOnlySpan<long> ordinals, long ordinalBase)
    {
        var validity = new ValidityReader(column);
        var merging = !ordinals.IsEmpty;
        for (var i = 0; i < groupIds.Length; i++)
        {
            if (!validity.IsValid(i))
                continue;
            var group = groupIds[i];
            var best = _winner[group];
            if (best < 0)
            {
                _winner[group] = i;
                _touched.Add(group);
                continue;
            }
            if (Beats(column, i, best, merging ? ordinals[i] : i, merging ? ordinals[best] : best))
                _winner[group] = i;
        }
        foreach (var group in _touched)
        {
            var row = _winner[group];
            _winner[group] = -1;
            var ordinal = merging ? ordinals[row] : ordinalBase + row;
            var current = _values[group];
            var take = current is null || kind switch
            {
                ValueKind.Min => column.GetBytes(row).SequenceCompareTo(current) < 0,
                ValueKind.Max => column.GetBytes(row).SequenceCompareTo(current) > 0,
                ValueKind.First => ordinal < _ordinals[group],
                _ => ordinal > _ordinals[group],
            };
            if (!take)
                continue;
            _values[group] = column.GetBytes(row).ToArray();
            _ordinals[group] = ordinal;
        }
        _touched.Clear();
    }

    private bool Beats(BinaryColumn column, int row, int best, long rowOrdinal, long bestOrdinal) => kind switch
    {
        ValueKind.Min => column.GetBytes(row).SequenceCompareTo(column.GetBytes(best)) < 0,
        ValueKind.Max => column.GetBytes(row).SequenceCompareTo(column.GetBytes(best)) > 0,
        ValueKind.First => rowOrdinal < bestOrdinal,
        _ => rowOrdinal > bestOrdinal,
    };

    public override Column[] State(int groups) => Ordered
        ? [Result(groups), PrimitiveColumn<long>.From(DataType.Int64, _ordinals.AsSpan(0, groups))]
        : [Result(groups)];

    public override Column Result(int groups)
    {
        var builder = new BinaryColumnBuilder(type, groups);
        for (var g = 0; g < groups; g++)
        {
            if (_values[g] is { } value) builder.Append(value);
            else builder.AppendNull();
        }
        return builder.Build();
    }
}
