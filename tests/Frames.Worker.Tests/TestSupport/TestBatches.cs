using FramesNet.Columns;

namespace FramesNet.Worker.Tests.TestSupport;

/// <summary>Batches of known content: an int64 column <c>id</c> and a utf8 column <c>name</c>.</summary>
internal static class TestBatches
{
    public static Schema Schema { get; } = new(new Field("id", DataType.Int64), new Field("name", DataType.Utf8));

    /// <summary>Rows <paramref name="start"/>..start+rows-1: id = i, name = "name-i".</summary>
    public static RecordBatch Rows(long start, int rows)
    {
        var ids = new PrimitiveColumnBuilder<long>(DataType.Int64, rows);
        var names = new BinaryColumnBuilder(DataType.Utf8, rows);
        for (var i = start; i < start + rows; i++)
        {
            ids.Append(i);
            names.Append($"name-{i}");
        }
        return new RecordBatch(Schema, [ids.Build(), names.Build()]);
    }

    public static List<RecordBatch> Many(int batches, int rowsEach) =>
        Enumerable.Range(0, batches).Select(b => Rows((long)b * rowsEach, rowsEach)).ToList();

    /// <summary>All ids of <paramref name="batches"/>, in order.</summary>
    public static List<long> Ids(IEnumerable<RecordBatch> batches) =>
        batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((PrimitiveColumn<long>)b.Column(0))[i])).ToList();

    public static List<string> Names(IEnumerable<RecordBatch> batches) =>
        batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(i => (string)b.Column(1).GetValue(i)!)).ToList();
}
