using FramesNet.Plan;
using static FramesNet.Frames;

namespace FramesNet.Tests.Physical;

/// <summary>A query built twice: as a DataFrame, and as the <see cref="RefFrame"/> that is its answer.</summary>
internal sealed record Shape(DataFrame Frame, RefFrame Ref, string Text)
{
    public Shape Join(Shape right, string[] leftOn, string[] rightOn, JoinType type, JoinStrategy strategy) => new(
        new DataFrame(new JoinNode(Frame.Plan, right.Frame.Plan, type, leftOn, rightOn, "_right", strategy), Frame.Context),
        Ref.Join(right.Ref, leftOn, rightOn, type),
        $"({Text} ⋈{type.ToString().ToLowerInvariant()}/{strategy} [{string.Join(",", leftOn)} = {string.Join(",", rightOn)}] {right.Text})");

    public Shape Join(Shape right, string on, JoinType type, JoinStrategy strategy) => Join(right, [on], [on], type, strategy);

    /// <summary>Rows whose integer <paramref name="column"/> is above <paramref name="bound"/>.</summary>
    public Shape Above(string column, long bound)
    {
        var c = Ref.Index(column);
        return new(Frame.Filter(Col(column) > bound), Ref.Filter(r => r[c] is long v && v > bound), $"σ[{column} > {bound}]{Text}");
    }

    public Shape Union(Shape other) => new(Frame.Union(other.Frame), Ref.Union(other.Ref), $"({Text} ∪ {other.Text})");

    public Shape Distinct() => new(Frame.Distinct(), Ref.Distinct(), $"distinct {Text}");

    public Shape CountBy(string column) => new(Frame.GroupBy(column).Agg(Count().Alias("count")), Ref.CountBy(column), $"count by {column} {Text}");

    public Shape SortedBy(params string[] columns) => new(Frame.Sort(columns), Ref, $"sort [{string.Join(",", columns)}] {Text}");

    /// <summary>Runs the frame and fails, naming the shape, unless its columns and rows are the reference's.</summary>
    public void Check(string context)
    {
        Table table;
        try
        {
            table = Frame.Collect();
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{context}: {Text} failed: {e}");
        }
        Compare(table, context);
    }

    /// <summary>Like <see cref="Check"/>, for frames that run on a cluster.</summary>
    public async Task CheckAsync(string context, TimeSpan timeout)
    {
        Table table;
        try
        {
            table = await Frame.CollectAsync().WaitAsync(timeout);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{context}: {Text} failed: {e}");
        }
        Compare(table, context);
    }

    /// <summary>Fails, naming the shape, unless <paramref name="table"/> has the reference's columns and rows.</summary>
    public void Compare(Table table, string context)
    {
        var actual = RefFrame.Of(table);
        Assert.True(Ref.Names.SequenceEqual(actual.Names), $"{context}: {Text}\ncolumns expected {string.Join(", ", Ref.Names)}\n        actual   {string.Join(", ", actual.Names)}");
        var want = Ref.Canonical();
        var got = actual.Canonical();
        Assert.True(want.SequenceEqual(got), $"{context}: {Text}\nexpected {want.Count} rows: {string.Join("; ", want.Take(30))}\nactual   {got.Count} rows: {string.Join("; ", got.Take(30))}");
    }
}

/// <summary>
/// Small tables for join shapes: a fact table <c>F</c> and dimensions <c>D1</c> (keyed by <c>a</c>, one key twice,
/// one null) and <c>D2</c> (keyed by an int32 <c>b</c>, so joins with F's int64 <c>b</c> cast), all with string
/// columns (a join's build side hands those on dictionary-encoded), in random partition counts.
/// </summary>
internal sealed class JoinTables
{
    private sealed record Fact(long Id, long? A, long? B, string? S, double? V);
    private sealed record Dim1(long? A, string N1);
    private sealed record Dim2(int B, string? N2, long W);

    private static readonly string?[] Strings = ["x", "y", "zz", null];

    private readonly Random _random;
    private readonly FramesContext _context;
    private readonly List<Fact> _fact;
    private readonly List<Dim1> _dim1;
    private readonly List<Dim2> _dim2;

    public JoinTables(int seed, FramesContext context, int maxFactRows = 24)
    {
        _random = new Random(seed);
        _context = context;
        var random = _random;
        _fact = Enumerable.Range(0, random.Next(0, maxFactRows + 1)).Select(i => new Fact(i,
            random.Next(6) == 0 ? null : random.Next(-1, 7),
            random.Next(6) == 0 ? null : random.Next(0, 6),
            Strings[random.Next(Strings.Length)],
            random.Next(5) == 0 ? null : Math.Round(random.NextDouble() * 50 - 10, 2))).ToList();
        _dim1 = Enumerable.Range(-2, 8).Where(_ => random.Next(4) > 0).Select(k => new Dim1(k, $"n{k}"))
            .Append(new Dim1(3, "n3bis")).Append(new Dim1(null, "nul")).ToList();
        _dim2 = Enumerable.Range(0, 7).Where(_ => random.Next(4) > 0).Select(k => new Dim2(k, k % 3 == 0 ? null : $"m{k}", random.Next(0, 9))).ToList();
    }

    public Random Random => _random;

    public Shape F => Make(_fact, "F", r => [r.Id, r.A, r.B, r.S, r.V]);

    public Shape D1 => Make(_dim1, "D1", r => [r.A, r.N1]);

    public Shape D2 => Make(_dim2, "D2", r => [(long)r.B, r.N2, r.W]);

    public Shape Table(int which) => which switch { 0 => F, 1 => D1, _ => D2 };

    private Shape Make<T>(List<T> rows, string name, Func<T, object?[]> values)
    {
        var partitions = _random.Next(1, 4);
        var frame = Frames.FromRecords(rows, _context, partitions);
        return new Shape(frame, new RefFrame(frame.Columns, rows.Select(values).ToList()), $"{name}/{partitions}");
    }
}

/// <summary>Random plans of joins (every type and strategy), filters and unions over <see cref="JoinTables"/>.</summary>
internal static class JoinShapes
{
    /// <summary>Shapes named in issue 11 and the ones around it; <c>seed</c> varies the strategies where several fit.</summary>
    public static readonly Dictionary<string, Func<JoinTables, int, Shape>> Named = new()
    {
        // trips.Join(zones, "zone_id").Join(vendors, ["vendor"], ["code"]): the second broadcast read the first's build side.
        ["chain of two broadcast joins"] = (t, _) => t.F.Join(t.D1, "A", JoinType.Inner, JoinStrategy.BroadcastRight)
            .Join(t.D2, ["B"], ["B"], JoinType.Inner, JoinStrategy.BroadcastRight),
        ["star of three dimensions, every outer type"] = (t, s) => t.F.Join(t.D1, "A", JoinType.Left, JoinStrategy.BroadcastRight)
            .Join(t.D2, ["B"], ["B"], s % 2 == 0 ? JoinType.Left : JoinType.Inner, JoinStrategy.BroadcastRight)
            .Join(t.D2, ["W"], ["W"], s % 3 == 0 ? JoinType.Semi : JoinType.Anti, s % 2 == 0 ? JoinStrategy.BroadcastRight : JoinStrategy.Shuffle),
        ["self-join twice"] = (t, s) => t.F.Join(t.F, "Id", JoinType.Inner, Pick(s, JoinType.Inner))
            .Join(t.F, ["A"], ["A"], JoinType.Left, Pick(s / 3, JoinType.Left)),
        ["join under a union of branches with different side inputs"] = (t, s) =>
            t.F.Join(t.D1, "A", JoinType.Semi, JoinStrategy.BroadcastRight).Union(t.F)
                .Join(t.D2, ["B"], ["B"], JoinType.Inner, Pick(s, JoinType.Inner))
                .Join(t.D1, ["A"], ["A"], JoinType.Left, JoinStrategy.BroadcastRight),
        ["joins on both sides of a join"] = (t, s) => t.F.Join(t.D1, "A", JoinType.Inner, Pick(s, JoinType.Inner))
            .Join(t.F.Join(t.D2, "B", JoinType.Left, Pick(s / 3, JoinType.Left)), ["Id"], ["Id"], JoinType.Full, JoinStrategy.Shuffle),
        ["broadcast left under a broadcast right"] = (t, s) => t.D1.Join(t.F, "A", JoinType.Right, JoinStrategy.BroadcastLeft)
            .Join(t.D2, ["B"], ["B"], JoinType.Left, JoinStrategy.BroadcastRight)
            .Join(t.D1, ["Id"], ["A"], JoinType.Inner, Pick(s, JoinType.Inner)),
        ["joins then a range sort"] = (t, s) => t.F.Join(t.D1, "A", JoinType.Left, JoinStrategy.BroadcastRight)
            .Join(t.D2, ["B"], ["B"], JoinType.Left, JoinStrategy.BroadcastRight).SortedBy("N1", "Id"),
        ["group by a build side's string after two joins"] = (t, s) => t.F.Join(t.D1, "A", JoinType.Inner, Pick(s, JoinType.Inner))
            .Join(t.D2, ["B"], ["B"], JoinType.Left, JoinStrategy.BroadcastRight).CountBy(s % 2 == 0 ? "N1" : "N2"),
    };

    private static JoinStrategy Pick(int seed, JoinType type)
    {
        var strategies = JoinShapes.Strategies(type);
        return strategies[seed % strategies.Length];
    }

    /// <summary>Strategies the planner can run <paramref name="type"/> with: a broadcast side loses its unmatched rows.</summary>
    public static JoinStrategy[] Strategies(JoinType type) => type switch
    {
        JoinType.Inner => [JoinStrategy.BroadcastRight, JoinStrategy.BroadcastLeft, JoinStrategy.Shuffle],
        JoinType.Left or JoinType.Semi or JoinType.Anti => [JoinStrategy.BroadcastRight, JoinStrategy.Shuffle],
        JoinType.Right => [JoinStrategy.BroadcastLeft, JoinStrategy.Shuffle],
        _ => [JoinStrategy.Shuffle],
    };

    public static Shape Random(JoinTables tables, int depth)
    {
        var random = tables.Random;
        if (depth <= 0 || random.Next(4) == 0)
            return tables.Table(random.Next(3));
        switch (random.Next(6))
        {
            case 0:
            {
                var input = Random(tables, depth - 1);
                return input.Above(IntegerColumn(input, random), random.Next(-1, 5));
            }
            case 1:
            {
                // Branches carrying different side inputs: a semi/anti join of x beside x itself.
                var x = Random(tables, depth - 1);
                var filtered = RandomJoin(x, Random(tables, depth - 1), random, random.Next(2) == 0 ? JoinType.Semi : JoinType.Anti);
                return random.Next(2) == 0 ? filtered.Union(x) : x.Union(filtered);
            }
            default:
                return RandomJoin(Random(tables, depth - 1), Random(tables, depth - 1), random);
        }
    }

    /// <summary>A join of <paramref name="left"/> and <paramref name="right"/> on one or two random integer key pairs.</summary>
    public static Shape RandomJoin(Shape left, Shape right, Random random, JoinType? type = null)
    {
        var how = type ?? Enum.GetValues<JoinType>()[random.Next(6)];
        var strategies = Strategies(how);
        var strategy = strategies[random.Next(strategies.Length)];
        var pairs = random.Next(3) == 0 ? 2 : 1;
        var leftOn = Enumerable.Range(0, pairs).Select(_ => IntegerColumn(left, random)).Distinct().ToArray();
        var rightOn = leftOn.Select(_ => IntegerColumn(right, random)).ToArray();
        // Same names on both sides are a shared key, which may appear in one pair only.
        for (var k = 0; k < leftOn.Length; k++)
            if (leftOn[k] == rightOn[k] && (leftOn.Count(n => n == leftOn[k]) > 1 || rightOn.Count(n => n == rightOn[k]) > 1))
                return left.Join(right, [leftOn[0]], [rightOn[0]], how, strategy);
        return left.Join(right, leftOn, rightOn, how, strategy);
    }

    private static string IntegerColumn(Shape shape, Random random)
    {
        var names = shape.Frame.Schema.Fields.Where(f => f.Type.IsInteger).Select(f => f.Name).ToArray();
        return names[random.Next(names.Length)];
    }
}
