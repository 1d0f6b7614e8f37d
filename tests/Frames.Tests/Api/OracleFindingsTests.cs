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
}
