using System.Globalization;
using FramesNet.Plan;

namespace FramesNet.Tests.Physical;

/// <summary>
/// A table as plain rows and the relational verbs done the obvious way (nested loops, no partitions, no
/// hashing): the reference that planned and executed queries are compared with. Integers are held as long.
/// </summary>
internal sealed record RefFrame(IReadOnlyList<string> Names, IReadOnlyList<object?[]> Rows)
{
    public int Index(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name)
                return i;
        throw new KeyNotFoundException($"reference has no column '{name}' ({string.Join(", ", Names)})");
    }

    public static RefFrame Of(Table table) =>
        new(table.ColumnNames, table.Select(row => Enumerable.Range(0, table.Schema.Count).Select(c => Normal(row[c])).ToArray()).ToList());

    public static object? Normal(object? value) => value switch
    {
        null => null,
        sbyte or short or int or long or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    public RefFrame Filter(Func<object?[], bool> keep) => this with { Rows = Rows.Where(keep).ToList() };

    public RefFrame Union(RefFrame other) => this with { Rows = [.. Rows, .. other.Rows] };

    public RefFrame Distinct() =>
        this with { Rows = Rows.GroupBy(Format).Select(g => g.First()).ToList() };

    /// <summary>GROUP BY <paramref name="column"/> with COUNT(*) as <c>count</c>.</summary>
    public RefFrame CountBy(string column)
    {
        var c = Index(column);
        var groups = Rows.GroupBy(r => Format(r[c])).Select(g => new[] { g.First()[c], (object?)(long)g.Count() }).ToList();
        return new RefFrame([column, "count"], groups);
    }

    /// <summary>
    /// SQL equi-join. Output: left columns, then right ones; a key named alike on both sides appears once (left
    /// value; right value for right joins; first non-null for full joins); clashing right names get the suffix
    /// until unique; semi and anti keep the left columns. Null keys match nothing.
    /// </summary>
    public RefFrame Join(RefFrame right, IReadOnlyList<string> leftOn, IReadOnlyList<string> rightOn, JoinType type, string suffix = "_right")
    {
        var lk = leftOn.Select(Index).ToArray();
        var rk = rightOn.Select(right.Index).ToArray();
        var shared = leftOn.Where((name, k) => name == rightOn[k]).ToHashSet();
        var filterOnly = type is JoinType.Semi or JoinType.Anti;
        var names = new List<string>();
        var pick = new List<Func<object?[]?, object?[]?, object?>>();
        for (var i = 0; i < Names.Count; i++)
        {
            var l = i;
            names.Add(Names[i]);
            if (shared.Contains(Names[i]) && !filterOnly)
            {
                var r = right.Index(Names[i]);
                pick.Add(type switch
                {
                    JoinType.Right => (_, rr) => rr?[r],
                    JoinType.Full => (lr, rr) => lr?[l] ?? rr?[r],
                    _ => (lr, _) => lr?[l],
                });
            }
            else
            {
                pick.Add((lr, _) => lr?[l]);
            }
        }
        if (!filterOnly)
        {
            var taken = names.ToHashSet();
            for (var j = 0; j < right.Names.Count; j++)
            {
                if (shared.Contains(right.Names[j]))
                    continue;
                var name = right.Names[j];
                while (!taken.Add(name))
                    name += suffix;
                names.Add(name);
                var r = j;
                pick.Add((_, rr) => rr?[r]);
            }
        }
        bool Match(object?[] l, object?[] r) => lk.Zip(rk).All(k => l[k.First] is { } a && r[k.Second] is { } b && KeyEquals(a, b));
        object?[] Row(object?[]? l, object?[]? r) => pick.Select(p => p(l, r)).ToArray();

        var rows = new List<object?[]>();
        var rightMatched = new bool[right.Rows.Count];
        foreach (var l in Rows)
        {
            var any = false;
            for (var j = 0; j < right.Rows.Count; j++)
            {
                if (!Match(l, right.Rows[j]))
                    continue;
                any = true;
                rightMatched[j] = true;
                if (!filterOnly)
                    rows.Add(Row(l, right.Rows[j]));
            }
            if (type == JoinType.Semi && any || type == JoinType.Anti && !any)
                rows.Add(l);
            if (!any && type is JoinType.Left or JoinType.Full)
                rows.Add(Row(l, null));
        }
        if (type is JoinType.Right or JoinType.Full)
            for (var j = 0; j < right.Rows.Count; j++)
                if (!rightMatched[j])
                    rows.Add(Row(null, right.Rows[j]));
        return new RefFrame(names, rows);
    }

    private static bool KeyEquals(object a, object b) =>
        a is long x && b is long y ? x == y : Equals(a, b);

    public static string Format(object? value) => value switch
    {
        null => "∅",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    public static string Format(object?[] row) => string.Join("|", row.Select(Format));

    /// <summary>The rows as text, in ordinal order: equal for equal multisets of rows.</summary>
    public List<string> Canonical() => Rows.Select(Format).Order(StringComparer.Ordinal).ToList();
}
