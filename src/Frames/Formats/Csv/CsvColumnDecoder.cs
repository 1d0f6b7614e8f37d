using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Formats.Csv;

/// <summary>
/// Parses one column of every row of a <see cref="CsvChunk"/> straight into the buffers of the batch being
/// built: one tight, type-specialised loop per column and chunk, no per-field allocation or dispatch.
/// Nulls are kept as a list of row numbers and become a validity bitmap only if there are any.
/// </summary>
internal abstract class CsvColumnDecoder(int fileColumn, Field field, CsvNullValues nulls)
{
    private int[] _nullRows = new int[64];
    private int _nullCount;
    private int _capacity;

    /// <summary>0-based position of the column in the file's rows.</summary>
    public int FileColumn { get; } = fileColumn;

    public Field Field { get; } = field;

    protected CsvNullValues Nulls { get; } = nulls;

    /// <summary>Starts a batch of at most <paramref name="capacity"/> rows.</summary>
    public void BeginBatch(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        _nullCount = 0;
        BeginValues(_capacity);
    }

    protected abstract void BeginValues(int capacity);

    /// <summary>Parses the chunk's rows into batch rows [<paramref name="batchRow"/>, + chunk.Rows).</summary>
    public abstract void Decode(CsvChunk chunk, int batchRow);

    /// <summary>The column of the batch's first <paramref name="rows"/> rows; the decoder's buffers pass to it.</summary>
    public Column Build(int rows)
    {
        var nullCount = _nullCount;
        var validity = default(ArrowBuffer);
        if (nullCount > 0)
        {
            var owner = BufferPool.Shared.Rent(Bitmap.BytesFor(rows));
            var bits = owner.Span[..Bitmap.BytesFor(rows)];
            bits.Fill(0xFF);
            foreach (var row in _nullRows.AsSpan(0, nullCount))
                Bitmap.Clear(bits, row);
            validity = new ArrowBuffer(owner, 0, bits.Length);
        }
        _nullCount = 0;
        return BuildValues(rows, validity, nullCount);
    }

    protected abstract Column BuildValues(int rows, ArrowBuffer validity, int nullCount);

    /// <summary>Gives back the buffers of a batch that will not be built.</summary>
    public abstract void Release();

    /// <summary>Removes the <paramref name="bad"/> rows of the chunk just decoded at <paramref name="batchRow"/>.</summary>
    public void RemoveRows(int batchRow, ReadOnlySpan<bool> bad)
    {
        var kept = 0;
        for (var i = 0; i < _nullCount; i++)
        {
            var row = _nullRows[i];
            var inChunk = row - batchRow;
            if (inChunk >= 0 && inChunk < bad.Length)
            {
                if (bad[inChunk])
                    continue;
                row -= CountBefore(bad, inChunk);
            }
            _nullRows[kept++] = row;
        }
        _nullCount = kept;
        RemoveValues(batchRow, bad);
    }

    protected abstract void RemoveValues(int batchRow, ReadOnlySpan<bool> bad);

    protected void AddNull(int batchRow)
    {
        if (_nullCount == _nullRows.Length)
            Array.Resize(ref _nullRows, _nullRows.Length * 2);
        _nullRows[_nullCount++] = batchRow;
    }

    /// <summary>The null list with room for every row of the batch, for loops that add nulls inline.</summary>
    protected int[] NullRowsForBatch(out int count)
    {
        if (_nullRows.Length < _capacity)
            Array.Resize(ref _nullRows, _capacity);
        count = _nullCount;
        return _nullRows;
    }

    protected void SetNullCount(int count) => _nullCount = count;

    /// <summary>A null where the field is not nullable is a fault; else the row is recorded as null.</summary>
    protected void AddNullOrFault(CsvChunk chunk, int row, int batchRow, ReadOnlySpan<byte> value)
    {
        if (Field.Nullable)
            AddNull(batchRow);
        else
            chunk.AddFault(row, FileColumn, $"expected a {Field.Type} value (the column is not nullable), found {CsvText.Show(value)}");
    }

    protected void AddTypeFault(CsvChunk chunk, int row, ReadOnlySpan<byte> value) =>
        chunk.AddFault(row, FileColumn, $"expected {Field.Type}, found {CsvText.Show(value)}");

    private static int CountBefore(ReadOnlySpan<bool> bad, int index)
    {
        var count = 0;
        for (var i = 0; i < index; i++)
            count += bad[i] ? 1 : 0;
        return count;
    }
}
