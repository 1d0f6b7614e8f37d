using FramesNet.Columns;

namespace FramesNet.DataAnalysis.Tests;

/// <summary>Frames → Microsoft.Data.Analysis → Frames gives the table back, with its schema, for every type.</summary>
public class RoundTripTests
{
    [Theory]
    [InlineData(1, new[] { 500 })]
    [InlineData(2, new[] { 37, 64, 0, 129 })]
    [InlineData(3, new[] { 1, 1, 1 })]
    [InlineData(4, new[] { 0 })]
    public void Every_type_comes_back_equal_through_the_schema(int seed, int[] batchLengths)
    {
        var table = GeneratedTable.Make(seed, batchLengths);

        var back = table.ToDataAnalysis().ToFramesTable(table.Schema);

        TableAssert.Equal(table, back);
        Assert.Equal(table.Schema, back.Schema);
    }

    [Fact]
    public void A_table_of_no_batches_comes_back_with_its_columns()
    {
        var table = new Table(GeneratedTable.Schema, []);

        var dataFrame = table.ToDataAnalysis();
        var back = dataFrame.ToFramesTable(table.Schema);

        Assert.Equal(GeneratedTable.Schema.Count, dataFrame.Columns.Count);
        Assert.Equal(0, dataFrame.Rows.Count);
        Assert.Equal(table.Schema, back.Schema);
        Assert.Equal(0, back.RowCount);
    }

    [Fact]
    public void A_query_result_of_several_partitions_comes_back_equal()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => (long)i).ToArray();
        var names = ids.Select(i => i % 7 == 0 ? null : $"n{i % 13}").ToArray();
        var days = ids.Select(i => i % 5 == 0 ? (DateOnly?)null : new DateOnly(2024, 1, 1).AddDays((int)i)).ToArray();
        var result = Frames.FromColumns(FramesContext.Local, 4, ("id", ids), ("name", names), ("day", days))
            .Filter(Frames.Col("id") % 3 != 0)
            .Collect();
        Assert.True(result.Batches.Count > 1, $"expected several batches, got {result.Batches.Count}");

        var dataFrame = result.ToDataAnalysis();
        var back = dataFrame.ToFramesTable(result.Schema);

        TableAssert.Equal(result, back);
        Assert.Equal(666, dataFrame.Rows.Count);
        Assert.Equal(new DateTime(2024, 1, 2), dataFrame["day"][0]);
        Assert.Equal("n1", dataFrame["name"][0]);
        Assert.Equal(998L, dataFrame["id"][665]);
        Assert.Null(dataFrame["name"][(long)Array.IndexOf(ids.Where(i => i % 3 != 0).ToArray(), 7)]);
    }

    [Fact]
    public void Without_a_schema_each_column_gets_the_type_its_values_map_to()
    {
        var table = GeneratedTable.Make(5, 40, 40);

        var back = table.ToDataAnalysis().ToFramesTable();

        string[] expected =
        [
            "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32", "float64", "bool", "utf8", "utf8",
            "binary", "binary", "timestamp[us]", "timestamp[us]", "timestamp[us]", "timestamp[us]", "timestamp[us]", "utf8", "utf8", "utf8",
        ];
        Assert.Equal(expected, back.Schema.Fields.Select(f => f.Type.ToString()));
        Assert.Equal(Values(table, "i64"), Values(back, "i64"));
        Assert.Equal(Values(table, "category"), Values(back, "category"));
        Assert.Equal(Values(table, "large_text"), Values(back, "large_text"));
        Assert.All(Values(back, "nothing"), Assert.Null);
    }

    private static List<object?> Values(Table table, string column) =>
        table.Batches.SelectMany(b => Enumerable.Range(0, b.Length).Select(r => b.Column(column).GetValue(r))).ToList();
}
