using FramesNet.Columns;
using FramesNet.Plan;
using FramesNet.Plan.Optimizer;
using static FramesNet.Frames;

namespace FramesNet.Tests.Api;

/// <summary>
/// Plans the differential oracle (tests/Frames.Oracle.Tests) found answered wrongly, shrunk to their core,
/// under every join strategy and with the optimiser's rules on.
/// </summary>
public class OracleFindingsTests
{
    private static readonly long[] Thresholds = [0, 1L << 30];

    private static FramesContext Context(long broadcastBytes) => FramesContext.Local with
    {
        Optimizer = OptimizerOptions.Default with { BroadcastThresholdBytes = broadcastBytes },
    };

    [Fact]
    public void A_filter_above_a_keyless_aggregate_is_not_pushed_below_it()
    {
        // Pushed below, a false condition left no input rows and the aggregate still made its one row.
        var frame = FromColumns(("k", new long[] { 1, 2 }));

        Assert.Equal(0, frame.Agg(Count().Alias("n")).Filter(Lit("Zebra").EndsWith("b")).Collect().RowCount);
        Assert.Equal(0, frame.Agg(Col("k").Sum().Alias("s")).Filter(Lit(false)).Collect().RowCount);
        Assert.Equal(1, frame.Agg(Count().Alias("n")).Filter(Lit(true)).Collect().RowCount);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L << 30)]
    public void A_twice_suffixed_column_keeps_its_name_when_other_columns_are_pruned(long broadcastBytes)
    {
        // t1 ⋈ t0 ⋈ t0: the second join's right 's' is 's_right_right' because the first gave 's' and 's_right'.
        // Pruning 's_right' (unused) used to rename it to 's_right', and the aggregate above lost its column.
        var t0 = FromColumns(Context(broadcastBytes), 2, ("k", new long[] { 1, 2 }), ("y", new double[] { 0.5, 1.5 }), ("s", new long[] { 10, 20 }));
        var t1 = FromColumns(Context(broadcastBytes), 1, ("k", new long[] { 1, 2, 2 }), ("s", new long[] { 7, 8, 9 }));

        var joined = t1.Join(t0, "k", JoinType.Left).Join(t0, "k");
        var counts = joined.GroupBy("s_right_right").Agg(Count().Alias("n")).Sort("s_right_right").Collect();

        Assert.Equal(["k", "s", "y", "s_right", "y_right", "s_right_right"], joined.Columns);
        Assert.Equal([10L, 20L], counts.Select(r => (long)r["s_right_right"]!));
        Assert.Equal([1L, 2L], counts.Select(r => (long)r["n"]!));
    }

    [Theory]
    [InlineData(JoinType.Inner)]
    [InlineData(JoinType.Left)]
    [InlineData(JoinType.Right)]
    [InlineData(JoinType.Full)]
    public void Keys_of_different_types_and_names_keep_their_own_types(JoinType type)
    {
        // Keys are widened to a common type to compare; a key that keeps its own column (its name differs on
        // the other side) came out widened, and collecting failed with "column 'n' holds int64, the schema says int32".
        foreach (var broadcastBytes in Thresholds)
        {
            var counts = FromColumns(Context(broadcastBytes), 1, ("k", new long[] { 1, 2 })).GroupBy("k").Agg(Count().Alias("c"));
            var right = FromColumns(Context(broadcastBytes), 2, ("n", new int?[] { 1, null, 5 }));

            var table = counts.Join(right, ["c"], ["n"], type).Collect();

            Assert.Equal(DataType.Int32, table.Schema["n"].Type);
            Assert.Equal(DataType.Int64, table.Schema["c"].Type);
            var rows = table.Select(r => $"{r["k"]}|{r["c"]}|{r["n"]}").Order(StringComparer.Ordinal).ToList();
            var expected = type switch
            {
                JoinType.Inner => new[] { "1|1|1", "2|1|1" },
                JoinType.Left => ["1|1|1", "2|1|1"],
                JoinType.Right => ["1|1|1", "2|1|1", "||", "||5"],
                _ => ["1|1|1", "2|1|1", "||", "||5"],
            };
            Assert.Equal(expected, rows);
        }
    }

    [Fact]
    public void Distinct_over_one_column_selected_twice_from_a_csv_file()
    {
        // The combine strategy samples the keys' distinct ratio from the file; the sample asked the CSV reader
        // for 'k' twice and planning failed "column 'k' is asked for twice".
        var folder = Directory.CreateTempSubdirectory("frames-oracle-finding-").FullName;
        try
        {
            var path = Path.Combine(folder, "t.csv");
            File.WriteAllText(path, "k,v\n1,a\n2,b\n1,c\n");

            var table = ReadCsv(path).Select(Col("k"), Col("k").Alias("e0")).Distinct().Sort("k").Collect();

            Assert.Equal([1L, 2L], table.Select(r => (long)r["e0"]!));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
