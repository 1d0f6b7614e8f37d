using FramesNet.Physical;
using FramesNet.Plan;
using FramesNet.Plan.Optimizer;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Physical;

/// <summary>
/// Plans with several joins — chains, stars, self-joins, joins under unions whose branches carry different
/// side inputs, joins on both sides of a join, broadcast and shuffle mixed, every join type — against the
/// nested-loop reference. They cover every operator that reads a task input by position (a join's build side,
/// a range sort's boundaries): one pointed at the wrong position reads another join's data.
/// </summary>
public class MultiJoinPlanTests
{
    private static FramesContext Context(Random random) => FramesContext.Local with
    {
        Physical = PhysicalOptions.Default with
        {
            ShuffleBuckets = random.Next(1, 4),
            Combine = random.Next(2) == 0 ? CombineStrategy.Tree : CombineStrategy.Shuffle,
            TreeFanIn = random.Next(2, 4),
        },
    };

    [Fact]
    public void Random_multi_join_plans_match_the_reference()
    {
        for (var seed = 0; seed < TestTier.Count(150, 1500); seed++)
        {
            var tables = new JoinTables(seed, Context(new Random(~seed)));
            var shape = JoinShapes.Random(tables, depth: 3);
            shape = tables.Random.Next(5) switch
            {
                0 => shape.Distinct(),
                1 => shape.CountBy(shape.Ref.Names[tables.Random.Next(shape.Ref.Names.Count)]),
                2 => shape.SortedBy(shape.Ref.Names[0]),
                _ => shape,
            };
            shape.Check($"seed {seed}");
        }
    }

    public static TheoryData<string> Named() => new(JoinShapes.Named.Keys);

    [Theory]
    [MemberData(nameof(Named))]
    public void Named_multi_join_shapes_match_the_reference_with_every_strategy_choice(string name)
    {
        for (var seed = 0; seed < TestTier.Count(12, 120); seed++)
        {
            var tables = new JoinTables(seed, Context(new Random(seed)));
            JoinShapes.Named[name](tables, seed).Check($"{name}, seed {seed}");
        }
    }

    public static TheoryData<JoinType, JoinStrategy> EveryTypeAndStrategy()
    {
        var data = new TheoryData<JoinType, JoinStrategy>();
        foreach (var type in Enum.GetValues<JoinType>())
            foreach (var strategy in Enum.GetValues<JoinStrategy>())
                data.Add(type, strategy);
        return data;
    }

    /// <summary>
    /// Found by the oracle with the join_strategy rule switched off: a right join ran as a broadcast of its right
    /// side, and every left partition emitted the right's unmatched rows. A plan the optimiser did not choose for
    /// (or chose against the rules) must still answer right.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryTypeAndStrategy))]
    public void Every_join_type_answers_right_with_any_strategy_asked_for_and_the_optimiser_off(JoinType type, JoinStrategy strategy)
    {
        for (var seed = 0; seed < TestTier.Count(8, 80); seed++)
        {
            var context0 = Context(new Random(seed));
            var context = context0 with { Optimizer = context0.Optimizer with { Disabled = new HashSet<string> { "join_strategy" } } };
            var tables = new JoinTables(seed, context);
            tables.F.Join(tables.D1, "A", type, strategy).Check($"{type}/{strategy}, seed {seed}");
        }
    }

    [Fact]
    public void Every_join_reads_the_side_input_holding_its_own_build_side()
    {
        var tables = new JoinTables(7, FramesContext.Local);
        var frame = tables.F.Join(tables.D1, "A", JoinType.Inner, JoinStrategy.BroadcastRight)
            .Join(tables.D2, ["B"], ["B"], JoinType.Inner, JoinStrategy.BroadcastRight).Frame;

        var graph = frame.BuildGraph();

        var probes = graph.Tasks.Where(t => t.Operators.OfType<HashJoinOperator>().Count() == 2).ToList();
        Assert.NotEmpty(probes);
        foreach (var probe in probes)
        {
            Assert.Equal(2, probe.SideInputs.Count);
            Assert.Equal([0, 1], probe.Operators.OfType<HashJoinOperator>().Select(j => j.SideInput));
            Assert.NotEqual(probe.SideInputs[0], probe.SideInputs[1]);
        }
    }
}
