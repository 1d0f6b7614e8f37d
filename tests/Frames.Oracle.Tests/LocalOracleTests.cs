using FramesNet.Oracle.Tests.Checking;
using FramesNet.Tests.TestSupport;
using Xunit.Abstractions;

namespace FramesNet.Oracle.Tests;

/// <summary>
/// Random plans over random CSV and Arrow tables, run by the in-process executor and by DuckDB; every result
/// also goes through WriteArrow/ReadArrow and WriteCsv/ReadCsv. A failure prints the shrunk case and its seed.
/// </summary>
[Trait("Category", "Slow")] // 300 cases by default, 3000 with FRAMES_TEST_TIER=slow
public class LocalOracleTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_plans_agree_with_duckdb()
    {
        var report = new OracleRun(new LocalTarget(), nameof(LocalOracleTests)).Execute(1_000_000, OracleCounts.Cases(TestTier.Count(300, 3000)));
        output.WriteLine(report.Summary);
        Assert.True(report.Failures.Count == 0, report.Summary + "\n\n" + string.Join("\n", report.Failures));
        Assert.True(report.Passed > 0, report.Summary);
    }
}
