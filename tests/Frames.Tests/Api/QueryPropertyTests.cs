using FramesNet.Physical;
using FramesNet.Plan;
using FramesNet.Plan.Optimizer;
using FramesNet.Tests.TestSupport;
using static FramesNet.Frames;

namespace FramesNet.Tests.Api;

/// <summary>
/// Whole pipelines on random data, under every way the planner can cut them (partition counts, tree or
/// shuffle combining, broadcast or shuffle joins), against LINQ over the same rows.
/// </summary>
public class QueryPropertyTests
{
    private sealed record Trip(long? K, string? G, double? V, long Id);

    private static readonly string?[] Groups = ["a", "b", "c", "dd", null];

    private static (List<Trip> Rows, FramesContext Context, int Partitions) Case(int seed)
    {
        var random = new Random(seed);
        var rows = Enumerable.Range(0, random.Next(0, 120)).Select(i => new Trip(
            random.Next(5) == 0 ? null : random.Next(-3, 8),
            Groups[random.Next(Groups.Length)],
            random.Next(6) == 0 ? null : Math.Round(random.NextDouble() * 100 - 20, 2),
            i)).ToList();
        var context = FramesContext.Local with
        {
            Physical = PhysicalOptions.Default with
            {
                Combine = random.Next(2) == 0 ? CombineStrategy.Tree : CombineStrategy.Shuffle,
                TreeFanIn = random.Next(2, 4),
                ShuffleBuckets = random.Next(1, 5),
            },
            Optimizer = OptimizerOptions.Default with { BroadcastThresholdBytes = random.Next(2) == 0 ? 0 : 1L << 30 },
        };
        return (rows, context, random.Next(1, 5));
    }

    private static DataFrame Frame(List<Trip> rows, FramesContext context, int partitions) =>
        Frames.FromRecords(rows, context, partitions);

    [Fact]
    public void Filter_then_group_by_matches_linq()
    {
        for (var seed = 0; seed < TestTier.Count(60, 600); seed++)
        {
            var (rows, context, partitions) = Case(seed);
            var actual = Frame(rows, context, partitions)
                .Filter(Col("V") > 0 | Col("K").IsNull())
                .GroupBy("G")
                .Agg(Count(), Col("K").Sum().Alias("sk"), Col("V").Min().Alias("mn"), Col("V").Max().Alias("mx"), Col("K").Count().Alias("ck"))
                .Collect()
                .Select(r => $"{r["G"]}|{r["count"]}|{r["sk"]}|{r["mn"]}|{r["mx"]}|{r["ck"]}")
                .Order(StringComparer.Ordinal).ToList();
            var expected = rows.Where(r => r.V > 0 || r.K is null)
                .GroupBy(r => r.G)
                .Select(g => $"{g.Key}|{g.Count()}|{(g.Any(r => r.K is not null) ? g.Sum(r => r.K) : null)}|{g.Min(r => r.V)}|{g.Max(r => r.V)}|{g.Count(r => r.K is not null)}")
                .Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(actual), $"seed {seed}:\nexpected {string.Join("; ", expected)}\nactual   {string.Join("; ", actual)}");
        }
    }

    [Fact]
    public void Joins_match_linq_for_every_join_type()
    {
        for (var seed = 0; seed < TestTier.Count(40, 400); seed++)
        {
            var (rows, context, partitions) = Case(seed);
            var dim = Enumerable.Range(-2, 6).Select(k => new { K = (long?)k, Name = $"n{k}" }).Append(new { K = (long?)null, Name = "nul" }).ToList();
            var right = Frames.FromRecords(dim, context, 2);
            foreach (var type in Enum.GetValues<JoinType>())
            {
                var joined = Frame(rows, context, partitions).Join(right, "K", type);
                var actual = joined.Collect().Select(r => string.Join("|", joined.Columns.Select(c => r[c]))).Order(StringComparer.Ordinal).ToList();
                var matches = rows.SelectMany(l => dim.Where(d => l.K is not null && d.K == l.K).Select(d => (l, d))).ToList();
                IEnumerable<string> expected = type switch
                {
                    JoinType.Inner => matches.Select(m => $"{m.l.K}|{m.l.G}|{m.l.V}|{m.l.Id}|{m.d.Name}"),
                    JoinType.Left => matches.Select(m => $"{m.l.K}|{m.l.G}|{m.l.V}|{m.l.Id}|{m.d.Name}")
                        .Concat(rows.Where(l => !matches.Any(m => m.l == l)).Select(l => $"{l.K}|{l.G}|{l.V}|{l.Id}|")),
                    JoinType.Right => matches.Select(m => $"{m.d.K}|{m.l.G}|{m.l.V}|{m.l.Id}|{m.d.Name}")
                        .Concat(dim.Where(d => !matches.Any(m => m.d == d)).Select(d => $"{d.K}||||{d.Name}")),
                    JoinType.Full => matches.Select(m => $"{m.l.K}|{m.l.G}|{m.l.V}|{m.l.Id}|{m.d.Name}")
                        .Concat(rows.Where(l => !matches.Any(m => m.l == l)).Select(l => $"{l.K}|{l.G}|{l.V}|{l.Id}|"))
                        .Concat(dim.Where(d => !matches.Any(m => m.d == d)).Select(d => $"{d.K}||||{d.Name}")),
                    JoinType.Semi => rows.Where(l => matches.Any(m => m.l == l)).Select(l => $"{l.K}|{l.G}|{l.V}|{l.Id}"),
                    _ => rows.Where(l => !matches.Any(m => m.l == l)).Select(l => $"{l.K}|{l.G}|{l.V}|{l.Id}"),
                };
                var want = expected.Order(StringComparer.Ordinal).ToList();
                Assert.True(want.SequenceEqual(actual), $"seed {seed}, {type} join:\nexpected {string.Join("; ", want)}\nactual   {string.Join("; ", actual)}");
            }
        }
    }

    [Fact]
    public void Sort_head_and_distinct_match_linq()
    {
        for (var seed = 0; seed < TestTier.Count(60, 600); seed++)
        {
            var (rows, context, partitions) = Case(seed);
            var frame = Frame(rows, context, partitions);

            var sorted = frame.Sort(SortKey.Desc("V"), SortKey.Asc("G", nullsFirst: true), SortKey.Asc("Id")).Collect().Select(r => (long)r["Id"]!).ToList();
            var expectedSorted = rows.OrderBy(r => r.V is null).ThenByDescending(r => r.V).ThenBy(r => r.G is not null).ThenBy(r => r.G, StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.Id).ToList();
            Assert.True(expectedSorted.SequenceEqual(sorted), $"seed {seed} sort: expected {string.Join(",", expectedSorted)} got {string.Join(",", sorted)}");

            var k = seed % 7;
            var top = frame.Sort(SortKey.Asc("K"), SortKey.Desc("Id")).Head(k).Collect().Select(r => (long)r["Id"]!).ToList();
            var expectedTop = rows.OrderBy(r => r.K is null).ThenBy(r => r.K).ThenByDescending(r => r.Id).Take(k).Select(r => r.Id).ToList();
            Assert.True(expectedTop.SequenceEqual(top), $"seed {seed} top {k}: expected {string.Join(",", expectedTop)} got {string.Join(",", top)}");

            var distinct = frame.Select("G", "K").Distinct().Count();
            Assert.Equal(rows.Select(r => (r.G, r.K)).Distinct().Count(), distinct);

            Assert.Equal(rows.Count * 2L, frame.Union(frame).Count());
            Assert.Equal(rows.Take(k).Select(r => r.Id), frame.Head(k).Collect().Select(r => (long)r["Id"]!));
        }
    }
}
