using System.Buffers;
using FramesNet.Columns;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Hash aggregation: GROUP BY key columns with <see cref="AggregateSpec"/>s, in one of four
/// <see cref="AggregateMode"/>s so a plan can split the work into partial, combine and final phases.
/// </summary>
/// <remarks>
/// <para>Construct every phase with the same original input schema, keys and specs; only the mode differs.
/// <see cref="InputSchema"/> is what <see cref="Consume"/> expects: the rows for Partial/Single, the
/// <see cref="StateSchema"/> (keys first, then each aggregate's state columns in spec order) for Combine/Final.
/// State layouts: count → <c>name</c> int64; sum → <c>name</c> int64|float64 (null = no value yet);
/// mean → <c>name$sum</c> float64, <c>name$count</c> int64; min/max → <c>name</c> (input type);
/// first/last → <c>name</c>, <c>name$ordinal</c> int64; std/var → <c>name$count</c>, <c>name$mean</c>,
/// <c>name$m2</c>; count_distinct → <c>name$values</c> binary (the group's distinct values, encoded).</para>
/// <para>Keys: null keys form one group; float keys group -0.0 with 0.0 and all NaNs together (stored
/// canonically as 0.0 and NaN). Dictionary-encoded keys are grouped by their values and output decoded.
/// Without keys the aggregate is global: exactly one output row, even over no input (count 0, sum null).</para>
/// </remarks>
public sealed class HashAggregator
{
    private readonly int[] _keyColumns;
    private readonly IReadOnlyList<AggregateSpec> _specs;
    private readonly Accumulator[] _accumulators;
    private readonly int[] _stateStart;   // first state column of each aggregate in the state schema
    private readonly IGroupIndex? _groups;
    private readonly HashAggregatorOptions _options;
    private long _rowsConsumed;
    private Column? _lastDictionary;
    private int[] _dictionaryGroups = [];

    public HashAggregator(Schema inputSchema, IReadOnlyList<int> keyColumns, IReadOnlyList<AggregateSpec> aggregates,
        AggregateMode mode, HashAggregatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _options = options ?? new HashAggregatorOptions();
        Mode = mode;
        _keyColumns = keyColumns.ToArray();
        _specs = aggregates.ToArray();
        foreach (var key in _keyColumns)
            if ((uint)key >= (uint)inputSchema.Count)
                throw new ArgumentException($"key column {key} is outside the input's {inputSchema.Count} columns");
        _accumulators = _specs.Select(s => AccumulatorFactory.Create(s, inputSchema)).ToArray();

        var keyFields = _keyColumns.Select(k => inputSchema[k]).Select(f => f.Type.Id == TypeId.Dictionary ? f.WithType(f.Type.ValueType!) : f).ToArray();
        var stateFields = new List<Field>(keyFields);
        _stateStart = new int[_accumulators.Length];
        for (var a = 0; a < _accumulators.Length; a++)
        {
            _stateStart[a] = stateFields.Count;
            stateFields.AddRange(_accumulators[a].StateFields);
        }
        StateSchema = new Schema(stateFields);
        var resultFields = keyFields.Concat(_accumulators.Select(a => new Field(a.Name, a.ResultType,
            nullable: a.ResultType != DataType.Int64 || a is not (CountAccumulator or CountDistinctAccumulator))));
        OutputSchema = mode is AggregateMode.Partial or AggregateMode.Combine ? StateSchema : new Schema(resultFields);
        InputSchema = mode is AggregateMode.Partial or AggregateMode.Single ? inputSchema : StateSchema;

        if (_keyColumns.Length == 0)
            Resize(1);
        else
            _groups = GroupIndex.Create(keyFields.Select(f => f.Type).ToArray());
    }

    public AggregateMode Mode { get; }

    /// <summary>What <see cref="Consume"/> expects (column types are checked; names are not).</summary>
    public Schema InputSchema { get; }

    /// <summary>Keys, then every aggregate's state columns: what Partial and Combine emit and Combine and Final read.</summary>
    public Schema StateSchema { get; }

    public Schema OutputSchema { get; }

    /// <summary>Groups seen so far (1 for a global aggregate).</summary>
    public int GroupCount => _groups?.Count ?? 1;

    public void Consume(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckSchema(batch);
        var length = batch.Length;
        if (length == 0)
            return;
        var groupIds = ArrayPool<int>.Shared.Rent(length);
        try
        {
            var ids = groupIds.AsSpan(0, length);
            AssignGroups(batch, ids);
            Resize(GroupCount);
            var ordinalBase = ((long)_options.PartitionIndex << 40) + _rowsConsumed;
            for (var a = 0; a < _accumulators.Length; a++)
            {
                if (Mode is AggregateMode.Partial or AggregateMode.Single)
                {
                    var column = _specs[a].Column >= 0 ? batch.Column(_specs[a].Column) : null;
                    if (column is DictionaryColumn dictionary && _accumulators[a] is not CountAccumulator)
                        column = ColumnKernels.Decode(dictionary);
                    _accumulators[a].Update(column, ids, ordinalBase);
                }
                else
                {
                    var state = new Column[_accumulators[a].StateFields.Count];
                    for (var s = 0; s < state.Length; s++)
                        state[s] = batch.Column(_stateStart[a] + s);
                    _accumulators[a].Merge(state, ids);
                }
            }
            _rowsConsumed += length;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(groupIds);
        }
    }

    private void CheckSchema(RecordBatch batch)
    {
        if (batch.ColumnCount != InputSchema.Count)
            throw new ArgumentException($"{Mode} aggregation expects {InputSchema.Count} columns, the batch has {batch.ColumnCount}");
        for (var c = 0; c < InputSchema.Count; c++)
            if (batch.Schema[c].Type.Logical != InputSchema[c].Type.Logical)
                throw new ArgumentException($"{Mode} aggregation expects column {c} ('{InputSchema[c].Name}') of type {InputSchema[c].Type}, the batch has {batch.Schema[c].Type}");
    }

    private void AssignGroups(RecordBatch batch, Span<int> ids)
    {
        if (_groups is null)
        {
            ids.Clear();
            return;
        }
        var keyCount = _keyColumns.Length;
        var keys = new Column[keyCount];
        for (var k = 0; k < keyCount; k++)
            keys[k] = batch.Column(Mode is AggregateMode.Partial or AggregateMode.Single ? _keyColumns[k] : k);
        if (keyCount == 1 && keys[0] is DictionaryColumn dictionary && dictionary.DictionaryValues.Length <= Math.Max(dictionary.Length, 1024))
            AssignDictionaryGroups(dictionary, ids);
        else
        {
            for (var k = 0; k < keyCount; k++)
                if (keys[k] is DictionaryColumn encoded)
                    keys[k] = ColumnKernels.Decode(encoded);
            _groups.Insert(keys, ids);
        }
    }

    /// <summary>
    /// One dictionary-encoded key: each dictionary entry (and the null) gets its group when a row first uses it;
    /// rows then map through the entry's group. The mapping is kept while batches share the dictionary.
    /// </summary>
    private void AssignDictionaryGroups(DictionaryColumn column, Span<int> ids)
    {
        var values = column.DictionaryValues;
        var size = values.Length;
        if (!ReferenceEquals(values, _lastDictionary))
        {
            _dictionaryGroups = new int[size + 1];
            Array.Fill(_dictionaryGroups, -1);
            _lastDictionary = values;
        }
        var entries = _dictionaryGroups;
        var validity = new ValidityReader(column);
        var raw = ColumnKernels.DictionaryIndices(column) is PrimitiveColumn<int> int32 ? int32.Values : default;
        var unseen = new List<int>();
        for (var i = 0; i < ids.Length; i++)
        {
            var entry = !validity.IsValid(i) ? size : raw.IsEmpty ? (int)column.GetIndex(i) : raw[i];
            if ((uint)entry > (uint)size)
                throw new ArgumentOutOfRangeException(nameof(column), $"dictionary index {entry} at row {i} outside a dictionary of {size} values");
            ids[i] = entry;
            if (entries[entry] == -1)
            {
                entries[entry] = -2;
                unseen.Add(entry);
            }
        }
        if (unseen.Count > 0)
        {
            var rows = unseen.Select(e => e == size ? -1 : e).ToArray();
            var groups = new int[rows.Length];
            _groups!.Insert([ColumnKernels.Take(values, rows)], groups);
            for (var j = 0; j < rows.Length; j++)
                entries[unseen[j]] = groups[j];
        }
        for (var i = 0; i < ids.Length; i++)
            ids[i] = entries[ids[i]];
    }

    private void Resize(int groups)
    {
        foreach (var accumulator in _accumulators)
            accumulator.Resize(groups);
    }

    /// <summary>The output rows (state rows for Partial/Combine), in batches of at most <see cref="HashAggregatorOptions.MaxBatchRows"/>.</summary>
    public IEnumerable<RecordBatch> Finish()
    {
        var groups = GroupCount;
        var columns = new List<Column>(_groups?.Keys(0, groups) ?? []);
        foreach (var accumulator in _accumulators)
        {
            if (Mode is AggregateMode.Partial or AggregateMode.Combine)
                columns.AddRange(accumulator.State(groups));
            else
                columns.Add(accumulator.Result(groups));
        }
        var all = new RecordBatch(OutputSchema, columns, groups);
        if (groups <= _options.MaxBatchRows)
        {
            yield return all;
            yield break;
        }
        for (var start = 0; start < groups; start += _options.MaxBatchRows)
            yield return all.Slice(start, Math.Min(_options.MaxBatchRows, groups - start));
    }
}
