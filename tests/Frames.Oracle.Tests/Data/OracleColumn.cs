using FramesNet.Columns;

namespace FramesNet.Oracle.Tests.Data;

/// <summary>
/// One generated column. Values are kept in one canonical .NET form per type family: long for every integer
/// width, double for both float widths (float32 values are exact in float32), string, bool, int days since
/// 1970-01-01 for date32, long microseconds since the epoch for timestamp[us]; null is null.
/// <see cref="DictionaryEncoded"/> columns are written to Arrow files as dictionary&lt;int32, utf8&gt;.
/// </summary>
internal sealed record OracleColumn(string Name, DataType Type, object?[] Values, bool DictionaryEncoded = false)
{
    /// <summary>The type Frames reports for the column when it is read from a file of <paramref name="format"/>.</summary>
    public DataType FileType(TableFormat format) =>
        DictionaryEncoded && format == TableFormat.Arrow ? DataType.Dictionary(DataType.Int32, DataType.Utf8) : Type;
}
