using System.Text.Json;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Cluster.Tests;

/// <summary>The benchmark's published answers for the small dataset, in the canonical form.</summary>
internal static class Answers
{
    public static string Small(string query)
    {
        using var answers = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedFolder.Bench, "answers-small.json")));
        var rows = answers.RootElement.GetProperty("answers").GetProperty(query);
        return $"{{\"query\":\"{query}\",\"rows\":{JsonSerializer.Serialize(rows)}}}";
    }
}
