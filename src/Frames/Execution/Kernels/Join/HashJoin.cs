using FramesNet.Columns;
using FramesNet.Plan;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// Equi-join of <c>left</c> and <c>right</c> on key columns by hashing: feed the build side with
/// <see cref="AddBuild"/>, stream the other side through <see cref="Probe"/>, then call <see cref="Finish"/> for the
/// rows only known at the end (unmatched build rows of outer joins; semi/anti results when the left side builds).
/// </summary>
/// <remarks>
/// <para>Output: the left columns, then the right ones (semi/anti: left columns only). A right column whose name
/// is already taken gets the suffix <c>_right</c> (then <c>_right2</c>, …). Columns the join may pad with nulls
/// are marked nullable. Key columns must have equal types on both sides (the planner casts); dictionary keys
/// compare by value. Null keys never match. Input batches may store any column plain or dictionary-encoded;
/// <see cref="OutputSchema"/> gives logical types, and each output batch's own schema how it stores them.</para>
/// <para>Order: within one probe batch, matched pairs come in probe-row order, each probe row's matches in build
/// order; padded unmatched probe rows follow at the end of that probe batch's output. Every output batch has at
/// most <see cref="HashJoinOptions.MaxBatchRows"/> rows. Enumerate each result fully before the next call.</para>
/// <para>The join keeps the build rows (concatenated into one batch it owns) until <see cref="Dispose"/>.</para>
/// </remarks>
public sealed partial class HashJoin : IDisposable
{
    private readonly Schema _left;
    private readonly Schema _right;
    private readonly int[] _buildKeys;
    private readonly int[] _probeKeys;
    private readonly HashJoinOptions _options;
    private readonly bool _probeIsLeft;
    private readonly bool _preserveProbe;
    private readonly bool _preserveBuild;
    private readonly bool _filterProbe;   // semi/anti decided per probe row (the left side probes)
    private readonly List<RecordBatch> _pending = [];
    private RecordBatch? _build;
    private Column[] _buildKeyColumns = [];
    private JoinHashTable? _table;
    private bool[] _buildMatched = [];

    public HashJoin(Schema left, IReadOnlyList<int> leftKeys, Schema right, IReadOnlyList<int> rightKeys, JoinType type,
        HashJoinOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (leftKeys.Count != rightKeys.Count || leftKeys.Count == 0)
            throw new ArgumentException($"a hash join needs the same, non-zero number of keys on both sides ({leftKeys.Count} left, {rightKeys.Count} right)");
        for (var k = 0; k < leftKeys.Count; k++)
        {
            var l = KeyType(left, leftKeys[k], "left");
            var r = KeyType(right, rightKeys[k], "right");
            if (l != r)
                throw new ArgumentException($"join key {k}: left '{left[leftKeys[k]].Name}' is {l} but right '{right[rightKeys[k]].Name}' is {r}; cast them to one type first");
        }
        _left = left.Logical();
        _right = right.Logical();
        Type = type;
        _options = options ?? new HashJoinOptions();
        _probeIsLeft = _options.BuildSide == JoinSide.Right;
        _buildKeys = (_probeIsLeft ? rightKeys : leftKeys).ToArray();
        _probeKeys = (_probeIsLeft ? leftKeys : rightKeys).ToArray();
        _preserveProbe = type == JoinType.Full || (type == JoinType.Left && _probeIsLeft) || (type == JoinType.Right && !_probeIsLeft);
        _preserveBuild = type == JoinType.Full || (type == JoinType.Left && !_probeIsLeft) || (type == JoinType.Right && _probeIsLeft);
        _filterProbe = type is JoinType.Semi or JoinType.Anti && _probeIsLeft;
        OutputSchema = BuildOutputSchema();
    }

    private static DataType KeyType(Schema schema, int column, string side)
    {
        if ((uint)column >= (uint)schema.Count)
            throw new ArgumentException($"{side} key column {column} is outside the {side} side's {schema.Count} columns");
        var type = schema[column].Type;
        return type.Id == TypeId.Dictionary ? type.ValueType! : type;
    }

    public JoinType Type { get; }

    public Schema OutputSchema { get; }

    private Schema BuildSchema => _probeIsLeft ? _right : _left;

    private Schema ProbeSchema => _probeIsLeft ? _left : _right;

    /// <summary>Adds build-side rows; all must come before the first <see cref="Probe"/>.</summary>
    public void AddBuild(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_table is not null)
            throw new InvalidOperationException("build rows must all be added before probing starts");
        CheckTypes(batch, BuildSchema, "build");
        if (batch.Length > 0)
            _pending.Add(batch);
    }

    private void EnsureBuilt()
    {
        if (_table is not null)
            return;
        // A batch of our own (Concat never returns its input), so the caller may dispose the build batches.
        _build = _pending.Count == 0 ? RecordBatchKernels.Empty(BuildSchema) : RecordBatchKernels.Concat(_pending);
        _pending.Clear();
        _buildKeyColumns = _buildKeys.Select(k => Decoded(_build.Column(k))).ToArray();
        _table = new JoinHashTable(_buildKeyColumns, _build.Length);
        _buildMatched = new bool[_build.Length];
    }

    private static Column Decoded(Column column) => column is DictionaryColumn d ? ColumnKernels.Decode(d) : column;

    private static void CheckTypes(RecordBatch batch, Schema schema, string side)
    {
        if (batch.ColumnCount != schema.Count)
            throw new ArgumentException($"{side} batch has {batch.ColumnCount} columns, the join expects {schema.Count}");
        for (var c = 0; c < schema.Count; c++)
            if (batch.Schema[c].Type.Logical != schema[c].Type.Logical)
                throw new ArgumentException($"{side} column {c} ('{schema[c].Name}') should be {schema[c].Type}, the batch has {batch.Schema[c].Type}");
    }

    /// <summary>Joins one batch of the probe side; the output batches are ready as the result is enumerated.</summary>
    public IEnumerable<RecordBatch> Probe(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        CheckTypes(batch, ProbeSchema, "probe");
        EnsureBuilt();
        return ProbeCore(batch);
    }

    private IEnumerable<RecordBatch> ProbeCore(RecordBatch batch)
    {
        var rows = batch.Length;
        var keys = _probeKeys.Select(k => Decoded(batch.Column(k))).ToArray();
        var hashes = new ulong[rows];
        RowHasher.Hash(keys, hashes);
        var nullable = keys.Where(k => k.NullCount > 0).ToArray();
        var probeMatched = new bool[rows];
        var capacity = _options.MaxBatchRows;
        var probeRows = new int[capacity];
        var buildRows = new int[capacity];
        var count = 0;
        for (var row = 0; row < rows; row++)
        {
            if (nullable.Length > 0 && AnyNull(nullable, row))
                continue;
            var hash = hashes[row];
            if (_filterProbe)
            {
                // Semi/anti only ask whether a match exists: stop at the first real one.
                for (var match = _table!.First(hash); match >= 0; match = _table.Next(match, hash))
                    if (KeyComparer.RowEqual(keys, row, _buildKeyColumns, match))
                    {
                        probeMatched[row] = true;
                        break;
                    }
                continue;
            }
            for (var match = _table!.First(hash); match >= 0; match = _table.Next(match, hash))
            {
                probeRows[count] = row;
                buildRows[count] = match;
                if (++count < capacity)
                    continue;
                var output = Matched(batch, keys, probeRows, buildRows, count, probeMatched);
                count = 0;
                if (output is not null)
                    yield return output;
            }
        }
        var last = Matched(batch, keys, probeRows, buildRows, count, probeMatched);
        if (last is not null)
            yield return last;

        if (_preserveProbe || _filterProbe)
        {
            var keep = Type == JoinType.Semi;
            var selected = new List<int>();
            for (var row = 0; row < rows; row++)
                if (probeMatched[row] == keep)
                    selected.Add(row);
            foreach (var output in _filterProbe ? ProbeRowsOnly(batch, selected) : Padded(batch, selected, probeSide: true))
                yield return output;
        }
    }

    private static bool AnyNull(Column[] columns, int row)
    {
        foreach (var column in columns)
            if (!column.IsValid(row))
                return true;
        return false;
    }

    /// <summary>Checks candidate pairs key by key, records matches, and returns the joined rows (null if none are output here).</summary>
    private RecordBatch? Matched(RecordBatch probe, Column[] probeKeys, int[] probeRows, int[] buildRows, int count, bool[] probeMatched)
    {
        if (count == 0)
            return null;
        var unequal = new bool[count];
        for (var k = 0; k < probeKeys.Length; k++)
            KeyComparer.MarkUnequal(probeKeys[k], probeRows.AsSpan(0, count), _buildKeyColumns[k], buildRows.AsSpan(0, count), unequal);
        var kept = 0;
        for (var p = 0; p < count; p++)
        {
            if (unequal[p])
                continue;
            probeMatched[probeRows[p]] = true;
            _buildMatched[buildRows[p]] = true;
            probeRows[kept] = probeRows[p];
            buildRows[kept] = buildRows[p];
            kept++;
        }
        if (kept == 0 || Type is JoinType.Semi or JoinType.Anti)
            return null;
        return Assemble(probe, probeRows.AsSpan(0, kept), buildRows.AsSpan(0, kept));
    }

    /// <summary>Rows only known once every probe batch is in: unmatched build rows of outer joins, or semi/anti results of a left build.</summary>
    public IEnumerable<RecordBatch> Finish()
    {
        EnsureBuilt();
        if (!_preserveBuild && !(Type is JoinType.Semi or JoinType.Anti && !_probeIsLeft))
            yield break;
        var keep = Type == JoinType.Semi;
        var selected = new List<int>();
        for (var row = 0; row < _buildMatched.Length; row++)
            if (_buildMatched[row] == keep)
                selected.Add(row);
        var outputs = _preserveBuild ? Padded(_build!, selected, probeSide: false) : ProbeRowsOnly(_build!, selected);
        foreach (var output in outputs)
            yield return output;
    }

    public void Dispose() => _build?.Dispose();
}
