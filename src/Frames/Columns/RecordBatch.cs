namespace FramesNet.Columns;

/// <summary>
/// Columns of equal length under a <see cref="Schema"/>: the unit of data every reader, kernel and
/// exchange works on.
/// </summary>
/// <remarks>
/// A batch retains its columns' buffers when built and releases them on <see cref="Dispose"/>, so buffers
/// return to the pool once every batch holding them is disposed. Disposing is optional (the GC reclaims
/// what is not disposed); reading a batch's columns after disposing every batch that holds them is not.
/// </remarks>
public sealed class RecordBatch : IDisposable
{
    private readonly Column[] _columns;
    private int _disposed;

    public RecordBatch(Schema schema, IReadOnlyList<Column> columns, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (columns.Count != schema.Count)
            throw new ArgumentException($"schema has {schema.Count} fields but {columns.Count} columns were given");
        Length = length ?? (columns.Count > 0 ? columns[0].Length : 0);
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Length != Length)
                throw new ArgumentException($"column '{schema[i].Name}' has {columns[i].Length} values, the batch has {Length} rows");
            if (columns[i].Type != schema[i].Type)
                throw new ArgumentException($"column '{schema[i].Name}' holds {columns[i].Type}, the schema says {schema[i].Type}");
        }
        Schema = schema;
        _columns = columns.ToArray();
        foreach (var column in _columns)
            column.Retain();
    }

    /// <summary>
    /// A batch of <paramref name="columns"/> under the names, nullability and metadata of <paramref name="schema"/>
    /// (a plan's schema, of logical types), each field saying how its column is stored: a dictionary-encoded column
    /// where the schema says utf8 gets a dictionary field. A column of another logical type is an error.
    /// </summary>
    public static RecordBatch ForSchema(Schema schema, IReadOnlyList<Column> columns, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (columns.Count != schema.Count)
            throw new ArgumentException($"schema has {schema.Count} fields but {columns.Count} columns were given");
        Field[]? fields = null;
        for (var i = 0; i < columns.Count; i++)
        {
            var type = columns[i].Type;
            if (type == schema[i].Type)
                continue;
            if (type.Logical != schema[i].Type.Logical)
                throw new ArgumentException($"column '{schema[i].Name}' holds {type}, the schema says {schema[i].Type}");
            fields ??= [.. schema.Fields];
            fields[i] = schema[i].WithType(type);
        }
        return new RecordBatch(fields is null ? schema : new Schema(fields, schema.Metadata), columns, length);
    }

    /// <summary>This batch's columns, as they are stored, under the names of <paramref name="schema"/> (see <see cref="ForSchema"/>).</summary>
    public RecordBatch WithNames(Schema schema) => ForSchema(schema, _columns, Length);

    public Schema Schema { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    public IReadOnlyList<Column> Columns => _columns;

    public int ColumnCount => _columns.Length;

    public Column Column(int index) => _columns[index];

    public Column Column(string name) => _columns[Schema.IndexOf(name)];

    /// <summary>Rows [offset, offset + length) as a new batch sharing this one's buffers.</summary>
    public RecordBatch Slice(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
            throw new ArgumentOutOfRangeException(nameof(length), $"slice {offset}+{length} outside a batch of {Length} rows");
        return new RecordBatch(Schema, _columns.Select(c => c.Slice(offset, length)).ToArray(), length);
    }

    /// <summary>The columns at <paramref name="indices"/>, in that order, sharing buffers.</summary>
    public RecordBatch Select(IReadOnlyList<int> indices) =>
        new(Schema.Select(indices), indices.Select(i => _columns[i]).ToArray(), Length);

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>This batch with dictionary-encoded columns spelled out (itself when it has none).</summary>
    public RecordBatch Decoded()
    {
        if (!_columns.Any(c => c is DictionaryColumn))
            return this;
        var columns = _columns.Select(c => c is DictionaryColumn d ? d.Decode() : c).ToArray();
        return new RecordBatch(new Schema(Schema.Fields.Select((f, i) => f.WithType(columns[i].Type)), Schema.Metadata), columns, Length);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        foreach (var column in _columns)
            column.Release();
    }

    public override string ToString() => TextTable.Render(this, maxRows: 20);
}
