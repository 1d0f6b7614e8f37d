using FramesNet.Columns;
using FramesNet.Execution.Kernels;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;
using FramesNet.Plan;

namespace FramesNet.Tests.Execution.Kernels;

// Property tests: TestTier sizes them; the slow tier reruns them at full size.
[Trait("Category", "Slow")]
public class HashJoinTests
{
    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    /// <summary>Nested loops over boxed rows: null keys never match; keys compare by value (-0.0 = 0.0, NaN = NaN).</summary>
    private static List<string> Reference(List<object?[]> left, int[] leftKeys, List<object?[]> right, int[] rightKeys, JoinType type,
        int leftWidth, int rightWidth)
    {
        bool Match(object?[] l, object?[] r) => leftKeys.Select((k, i) => (l[k], r[rightKeys[i]]))
            .All(p => p.Item1 is not null && p.Item2 is not null && AggregateReference.KeyText([p.Item1]) == AggregateReference.KeyText([p.Item2]));
        var output = new List<object?[]>();
        var rightMatched = new bool[right.Count];
        foreach (var l in left)
        {
            var any = false;
            for (var j = 0; j < right.Count; j++)
            {
                if (!Match(l, right[j]))
                    continue;
                any = true;
                rightMatched[j] = true;
                if (type is JoinType.Inner or JoinType.Left or JoinType.Right or JoinType.Full)
                    output.Add([.. l, .. right[j]]);
            }
            if ((type == JoinType.Semi && any) || (type == JoinType.Anti && !any))
                output.Add(l);
            if (!any && type is JoinType.Left or JoinType.Full)
                output.Add([.. l, .. new object?[rightWidth]]);
        }
        if (type is JoinType.Right or JoinType.Full)
            for (var j = 0; j < right.Count; j++)
                if (!rightMatched[j])
                    output.Add([.. new object?[leftWidth], .. right[j]]);
        return output.Select(KernelData.Show).Order().ToList();
    }

    [Fact]
    public void Every_join_type_from_either_build_side_matches_nested_loops() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var keyTypes = Enumerable.Range(0, random.Next(1, 3)).Select(_ => KernelData.RandomType(random)).ToList();
        var distinct = random.Next(1, 10);
        var left = KernelData.Batch(random, [.. keyTypes, DataType.Utf8], random.Next(0, 60), distinct);
        var right = KernelData.Batch(random, [DataType.Int32, .. keyTypes, DataType.Utf8], random.Next(0, 60), distinct);
        var leftKeys = Enumerable.Range(0, keyTypes.Count).ToArray();
        var rightKeys = Enumerable.Range(1, keyTypes.Count).ToArray();
        var type = (JoinType)random.Next(6);
        var options = new HashJoinOptions
        {
            BuildSide = random.Next(2) == 0 ? JoinSide.Left : JoinSide.Right,
            BuildSideAsDictionary = random.Next(2) == 0,
            MaxBatchRows = random.Next(1, 40),
        };
        using var join = new HashJoin(left.Schema, leftKeys, right.Schema, rightKeys, type, options);
        var (build, probe) = options.BuildSide == JoinSide.Right ? (right, left) : (left, right);

        foreach (var part in KernelData.Split(random, build, random.Next(1, 4)))
            join.AddBuild(part);
        var output = new List<RecordBatch>();
        foreach (var part in KernelData.Split(random, probe, random.Next(1, 4)))
            output.AddRange(join.Probe(part));
        output.AddRange(join.Finish());

        var expected = Reference(KernelData.Rows(left), leftKeys, KernelData.Rows(right), rightKeys, type, left.ColumnCount, right.ColumnCount);
        Assert.Equal(expected, KernelData.Rows(output).Select(KernelData.Show).Order().ToList());
        Assert.All(output, b => Assert.InRange(b.Length, 0, options.MaxBatchRows));
        Assert.All(output, b => Assert.Equal(join.OutputSchema, b.Schema.Logical()));
    }));

    [Fact]
    public void Duplicate_names_get_a_suffix_and_padded_sides_become_nullable()
    {
        var left = new Schema(new Field("id", DataType.Int64, nullable: false), new Field("x", DataType.Utf8));
        var right = new Schema(new Field("id", DataType.Int64, nullable: false));

        using var join = new HashJoin(left, [0], right, [0], JoinType.Left);

        Assert.Equal(["id", "x", "id_right"], join.OutputSchema.Fields.Select(f => f.Name));
        Assert.False(join.OutputSchema[0].Nullable);
        Assert.True(join.OutputSchema[2].Nullable);
    }

    [Fact]
    public void Mismatched_key_types_are_refused_with_both_names()
    {
        var left = new Schema(new Field("a", DataType.Int32));
        var right = new Schema(new Field("b", DataType.Int64));

        var error = Assert.Throws<ArgumentException>(() => new HashJoin(left, [0], right, [0], JoinType.Inner));
        Assert.Contains("left 'a' is int32 but right 'b' is int64", error.Message);
    }

    [Fact]
    public void Build_side_as_dictionary_feeds_the_aggregator_fast_path()
    {
        var trips = KernelData.Single("zone", PrimitiveColumn<int>.From(DataType.Int32, [1, 2, 2, 3, 9]));
        var zones = new RecordBatch(new Schema(new Field("zone_id", DataType.Int32), new Field("borough", DataType.Utf8)),
            [PrimitiveColumn<int>.From(DataType.Int32, [1, 2, 3]), BinaryColumn.FromStrings(["Queens", "Bronx", "Queens"])]);
        using var join = new HashJoin(trips.Schema, [0], zones.Schema, [0], JoinType.Inner, new HashJoinOptions { BuildSideAsDictionary = true });
        join.AddBuild(zones);
        var joined = join.Probe(trips).ToList();
        var aggregator = new HashAggregator(join.OutputSchema, [2], [AggregateSpec.CountAll("n")], AggregateMode.Single);

        foreach (var batch in joined)
            aggregator.Consume(batch);

        Assert.IsType<DictionaryColumn>(joined[0].Column(2));
        Assert.Equal([["Queens", 2L], ["Bronx", 2L]], KernelData.Rows(aggregator.Finish()));
    }
}
