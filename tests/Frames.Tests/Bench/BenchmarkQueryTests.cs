using System.Text.Json;
using FramesNet.Physical;
using FramesNet.Query;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Bench;

/// <summary>The five benchmark queries give exactly the published answers (answers-small.json), however the work is cut.</summary>
public class BenchmarkQueryTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var query in BenchmarkQueries.Names)
            foreach (var mode in new[] { "default", "tree", "shuffle" })
                data.Add(query, mode);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Query_answers_exactly(string query, string mode)
    {
        var context = mode switch
        {
            "tree" => FramesContext.Local with { Physical = PhysicalOptions.Default with { Combine = CombineStrategy.Tree, ScanPartitionBytes = 4 << 20 } },
            "shuffle" => FramesContext.Local with
            {
                Physical = PhysicalOptions.Default with { Combine = CombineStrategy.Shuffle, ShuffleBuckets = 3 },
                Optimizer = FramesNet.Plan.Optimizer.OptimizerOptions.Default with { BroadcastThresholdBytes = 0 },
            },
            _ => FramesContext.Local,
        };
        var table = BenchmarkQueries.Query(query, BenchData.SmallFolder, context).Collect();

        Assert.Equal(Expected(query), CanonicalJson.Format(query, table));
    }

    private static string Expected(string query)
    {
        using var answers = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedFolder.Bench, "answers-small.json")));
        var rows = answers.RootElement.GetProperty("answers").GetProperty(query);
        return $"{{\"query\":\"{query}\",\"rows\":{JsonSerializer.Serialize(rows)}}}";
    }
}
