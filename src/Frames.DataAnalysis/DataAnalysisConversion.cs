using FramesNet.Columns;
using FramesNet.DataAnalysis.Internal;

namespace FramesNet.DataAnalysis;

/// <summary>
/// Converts a Frames <see cref="Table"/> to a <c>Microsoft.Data.Analysis</c> DataFrame (which is an ML.NET
/// <c>IDataView</c>) and back, building the package's columns directly (not through its Arrow path, which refuses
/// date32, timestamp and dictionary columns). The type mapping, what is lossy and what is refused, is in
/// docs/data-analysis.md:
/// <list type="table">
/// <listheader><term>Frames type</term><description>Microsoft.Data.Analysis column</description></listheader>
/// <item><term>int8, int16, int32, int64, uint8, uint16, uint32, uint64</term><description><c>SByte…UInt64DataFrameColumn</c>, values and validity copied in bulk</description></item>
/// <item><term>float32, float64</term><description><c>SingleDataFrameColumn</c>, <c>DoubleDataFrameColumn</c></description></item>
/// <item><term>bool</term><description><c>BooleanDataFrameColumn</c></description></item>
/// <item><term>utf8, large_utf8</term><description><c>StringDataFrameColumn</c></description></item>
/// <item><term>binary, large_binary</term><description><c>VBufferDataFrameColumn&lt;byte&gt;</c>; a null value is refused (the column cannot hold one)</description></item>
/// <item><term>date32</term><description><c>DateTimeDataFrameColumn</c>, midnight, kind Unspecified</description></item>
/// <item><term>timestamp (any unit)</term><description><c>DateTimeDataFrameColumn</c>: with a zone the UTC instant (kind Utc), without one the wall clock (kind Unspecified); nanoseconds truncated to 100 ns ticks; a value outside years 1–9999 is refused</description></item>
/// <item><term>dictionary&lt;…, V&gt;</term><description>the column for V, decoded (utf8 dictionary entries are decoded once and shared)</description></item>
/// <item><term>null</term><description><c>StringDataFrameColumn</c> of nulls</description></item>
/// </list>
/// </summary>
public static class DataAnalysisConversion
{
    /// <summary>
    /// The table as a <c>Microsoft.Data.Analysis</c> DataFrame: one column per field, in order, every batch
    /// concatenated. The DataFrame owns copies of the values (it stays valid after the table's batches are disposed).
    /// </summary>
    /// <exception cref="ArgumentException">A value the package cannot hold (see the class remarks), naming the column, row and type.</exception>
    public static Microsoft.Data.Analysis.DataFrame ToDataAnalysis(this Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = new Microsoft.Data.Analysis.DataFrameColumn[table.Schema.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var parts = new Column[table.Batches.Count];
            for (var b = 0; b < parts.Length; b++)
                parts[b] = table.Batches[b].Column(c);
            columns[c] = ToDataAnalysisColumn.Convert(table.Schema[c], parts, table.RowCount);
        }
        return new Microsoft.Data.Analysis.DataFrame(columns);
    }

    /// <summary>
    /// A DataFrame of <c>Microsoft.Data.Analysis</c> as a Frames <see cref="Table"/> of one batch, columns in the
    /// DataFrame's order. Without <paramref name="schema"/> each column gets the Frames type its .NET type maps to
    /// (<c>DateTime</c> becomes timestamp[us], <c>decimal</c> float64, <c>char</c> utf8, <c>string</c> utf8,
    /// <c>VBuffer&lt;byte&gt;</c> binary). <paramref name="schema"/> gives the type (and nullability, metadata) of each
    /// column it names, so a table converted with <see cref="ToDataAnalysis"/> comes back as it was: date32, timestamp
    /// units and zones, dictionary encoding, large_utf8, null. Every field it names must be a column of the DataFrame.
    /// </summary>
    /// <exception cref="ArgumentException">A column whose type has no Frames type, or does not give the type the schema asks for, named with both types.</exception>
    public static Table ToFramesTable(this Microsoft.Data.Analysis.DataFrame dataFrame, Schema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(dataFrame);
        var source = dataFrame.Columns;
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < source.Count; i++)
            byName[source[i].Name] = i;
        if (schema is not null)
        {
            var missing = schema.Fields.Where(f => !byName.ContainsKey(f.Name)).Select(f => $"'{f.Name}'").ToList();
            if (missing.Count > 0)
                throw new ArgumentException($"the schema names {string.Join(", ", missing)} but the DataFrame has no such column; " +
                                            $"its columns are {string.Join(", ", source.Select(c => $"'{c.Name}'"))}", nameof(schema));
        }
        var length = RowCount(dataFrame);
        var fields = new Field[source.Count];
        var columns = new Column[source.Count];
        for (var i = 0; i < source.Count; i++)
        {
            var column = source[i];
            var field = schema is not null && schema.TryIndexOf(column.Name) is var f and >= 0
                ? schema[f]
                : new Field(column.Name, FromDataAnalysisColumn.DefaultType(column));
            if (!field.Nullable && column.NullCount > 0)
                throw new ArgumentException($"column '{column.Name}': the schema says {field.Type} not null but {column.NullCount:N0} of its values are null");
            fields[i] = field;
            columns[i] = FromDataAnalysisColumn.Convert(column, field.Type, length);
        }
        var result = new Schema(fields, schema?.Metadata);
        return new Table(result, [new RecordBatch(result, columns, length)]);
    }

    private static int RowCount(Microsoft.Data.Analysis.DataFrame dataFrame)
    {
        var rows = dataFrame.Rows.Count;
        if (rows > Array.MaxLength)
            throw new ArgumentException($"the DataFrame has {rows:N0} rows; a Frames batch holds at most {Array.MaxLength:N0}");
        return (int)rows;
    }
}
