using FramesNet.Columns;
using FramesNet.Plan;

namespace FramesNet.Execution.Kernels;

public sealed partial class HashJoin
{
    private Schema BuildOutputSchema()
    {
        if (Type is JoinType.Semi or JoinType.Anti)
            return _left.Logical();
        var leftNullable = Type is JoinType.Right or JoinType.Full;
        var rightNullable = Type is JoinType.Left or JoinType.Full;
        var fields = new List<Field>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in _left.Fields)
        {
            fields.Add(OutputField(field, leftNullable));
            names.Add(field.Name);
        }
        foreach (var field in _right.Fields)
        {
            var name = field.Name;
            for (var n = 1; names.Contains(name); n++)
                name = field.Name + (n == 1 ? "_right" : "_right" + n);
            names.Add(name);
            fields.Add(OutputField(field.WithName(name), rightNullable));
        }
        return new Schema(fields);
    }

    /// <summary>Logical types: how each output batch stores a column (plain or dictionary-encoded) its own schema says.</summary>
    private static Field OutputField(Field field, bool padded)
    {
        field = field.WithType(field.Type.Logical);
        return padded ? field.WithNullable(true) : field;
    }

    /// <summary>Joined rows: probe row <c>probeRows[i]</c> with build row <c>buildRows[i]</c>; -1 on either side pads with nulls.</summary>
    private RecordBatch Assemble(RecordBatch probe, ReadOnlySpan<int> probeRows, ReadOnlySpan<int> buildRows)
    {
        var columns = new List<Column>(OutputSchema.Count);
        var leftRows = _probeIsLeft ? probeRows : buildRows;
        var rightRows = _probeIsLeft ? buildRows : probeRows;
        var (leftBatch, rightBatch) = _probeIsLeft ? (probe, _build!) : (_build!, probe);
        // A run of consecutive probe rows (each matched once, the usual foreign-key join) is a slice, not a gather.
        var probeRun = Consecutive(probeRows);
        foreach (var column in leftBatch.Columns)
            columns.Add(_probeIsLeft && probeRun >= 0 ? column.Slice(probeRun, probeRows.Length) : Gather(column, leftRows, buildSide: !_probeIsLeft));
        foreach (var column in rightBatch.Columns)
            columns.Add(!_probeIsLeft && probeRun >= 0 ? column.Slice(probeRun, probeRows.Length) : Gather(column, rightRows, buildSide: _probeIsLeft));
        return RecordBatch.ForSchema(OutputSchema, columns, probeRows.Length);
    }

    /// <summary>The first row when <paramref name="rows"/> is first, first + 1, …; else -1.</summary>
    private static int Consecutive(ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty || rows[0] < 0)
            return -1;
        var first = rows[0];
        for (var i = 1; i < rows.Length; i++)
            if (rows[i] != first + i)
                return -1;
        return first;
    }

    private Column Gather(Column column, ReadOnlySpan<int> rows, bool buildSide)
    {
        if (!buildSide || !_options.BuildSideAsDictionary || column.Type.Id is not (TypeId.Utf8 or TypeId.Binary))
            return ColumnKernels.Take(column, rows);
        // The build column becomes the dictionary; the matched build rows are the indices.
        var indices = KernelBuffers.Allocate<int>(rows.Length, out var target);
        var missing = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            target[i] = Math.Max(rows[i], 0);
            if (rows[i] < 0)
                missing++;
        }
        var validity = default(Memory.ArrowBuffer);
        if (missing > 0)
        {
            validity = KernelBuffers.AllocateBitmap(rows.Length, out var bits);
            for (var i = 0; i < rows.Length; i++)
                if (rows[i] >= 0)
                    Bitmap.Set(bits, i);
        }
        return new DictionaryColumn(DataType.Dictionary(DataType.Int32, column.Type), rows.Length, indices, column, validity, missing);
    }

    /// <summary>The given rows of one side, the other side padded with nulls, in bounded batches.</summary>
    private IEnumerable<RecordBatch> Padded(RecordBatch source, List<int> rows, bool probeSide)
    {
        for (var start = 0; start < rows.Count; start += _options.MaxBatchRows)
        {
            var chunk = rows.GetRange(start, Math.Min(_options.MaxBatchRows, rows.Count - start)).ToArray();
            var none = new int[chunk.Length];
            Array.Fill(none, -1);
            yield return probeSide ? Assemble(source, chunk, none) : Assemble(ProbePlaceholder(), none, chunk);
        }
    }

    /// <summary>An empty probe batch: padding rows take nothing from it (every index is -1).</summary>
    private RecordBatch ProbePlaceholder() => RecordBatchKernels.Empty(ProbeSchema);

    /// <summary>The given rows of a left-side batch, left columns only (semi/anti), in bounded batches.</summary>
    private IEnumerable<RecordBatch> ProbeRowsOnly(RecordBatch source, List<int> rows)
    {
        for (var start = 0; start < rows.Count; start += _options.MaxBatchRows)
        {
            var chunk = rows.GetRange(start, Math.Min(_options.MaxBatchRows, rows.Count - start)).ToArray();
            yield return RecordBatchKernels.Take(source, chunk);
        }
    }
}
