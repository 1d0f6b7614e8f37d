using System.Text;
using FramesNet.Columns;
using FramesNet.Execution.Kernels;

namespace FramesNet.Tests.Execution.Kernels;

/// <summary>A plain row-at-a-time GROUP BY over boxed values: what <see cref="HashAggregator"/> must agree with.</summary>
internal static class AggregateReference
{
    /// <summary>Keys group by value: -0.0 as 0.0, every NaN alike, null with null.</summary>
    public static object? Normalize(object? value) => value switch
    {
        double d when d == 0 => 0.0,
        float f when f == 0 => 0f,
        double d when double.IsNaN(d) => double.NaN,
        float f when float.IsNaN(f) => float.NaN,
        byte[] b => Convert.ToHexString(b),
        _ => value,
    };

    public static string KeyText(IEnumerable<object?> keys) => string.Join("|", keys.Select(k => KernelData.Show(Normalize(k))));

    /// <summary>Expected rows (keys then results), keyed by their key text.</summary>
    public static Dictionary<string, object?[]> GroupBy(List<object?[]> rows, int[] keys, IReadOnlyList<AggregateSpec> specs)
    {
        var result = new Dictionary<string, object?[]>();
        var groups = keys.Length == 0
            ? [rows]
            : rows.GroupBy(r => KeyText(keys.Select(k => r[k]))).Select(g => g.ToList()).ToList();
        foreach (var group in groups)
        {
            var keyValues = keys.Length == 0 ? [] : keys.Select(k => Normalize(group[0][k])).ToArray();
            var values = specs.Select(s => Aggregate(s, group)).ToArray();
            result[KeyText(keyValues)] = keyValues.Concat(values).ToArray();
        }
        return result;
    }

    private static object? Aggregate(AggregateSpec spec, List<object?[]> rows)
    {
        if (spec.Function == AggregateKind.CountAll)
            return (long)rows.Count;
        var values = rows.Select(r => r[spec.Column]).Where(v => v is not null).ToList();
        switch (spec.Function)
        {
            case AggregateKind.Count: return (long)values.Count;
            case AggregateKind.CountDistinct: return (long)values.Select(v => KernelData.Show(Normalize(v))).Distinct().Count();
            case AggregateKind.First: return values.Count > 0 ? values[0] : null;
            case AggregateKind.Last: return values.Count > 0 ? values[^1] : null;
            case AggregateKind.Min: return values.Count > 0 ? values.Aggregate((a, b) => Compare(b, a) < 0 ? b : a) : null;
            case AggregateKind.Max: return values.Count > 0 ? values.Aggregate((a, b) => Compare(b, a) > 0 ? b : a) : null;
        }
        if (values.Count == 0)
            return spec.Function is AggregateKind.Sum or AggregateKind.Mean or AggregateKind.Std or AggregateKind.Var ? null : 0L;
        var isFloat = values[0] is double or float;
        if (spec.Function == AggregateKind.Sum)
            return isFloat ? values.Sum(Convert.ToDouble) : values.Aggregate(0L, (s, v) => checked(s + Convert.ToInt64(v)));
        var doubles = values.Select(Convert.ToDouble).ToList();
        var mean = doubles.Average();
        if (spec.Function == AggregateKind.Mean)
            return mean;
        if (doubles.Count < 2)
            return null;
        var variance = doubles.Sum(x => (x - mean) * (x - mean)) / (doubles.Count - 1);
        return spec.Function == AggregateKind.Var ? variance : Math.Sqrt(variance);
    }

    /// <summary>NaN above every number; strings by UTF-8 bytes; bools false &lt; true.</summary>
    public static int Compare(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => x.CompareTo(y) is var c && double.IsNaN(x) != double.IsNaN(y) ? (double.IsNaN(x) ? 1 : -1) : (x == y ? 0 : c),
        (float x, float y) => float.IsNaN(x) != float.IsNaN(y) ? (float.IsNaN(x) ? 1 : -1) : (x == y ? 0 : x.CompareTo(y)),
        (string x, string y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)),
        _ => ((IComparable)a!).CompareTo(b),
    };

    /// <summary>Equal as results: floats within a relative 1e-9 (summation order differs), NaN/∞ loosely.</summary>
    public static bool ResultEquals(object? expected, object? actual)
    {
        expected = Normalize(expected);
        actual = Normalize(actual);
        if (expected is double or float && actual is double or float)
        {
            double x = Convert.ToDouble(expected), y = Convert.ToDouble(actual);
            if (!double.IsFinite(x) || !double.IsFinite(y))
                return !double.IsFinite(x) && !double.IsFinite(y);
            return Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
        }
        return KernelData.Show(expected) == KernelData.Show(actual);
    }

    public static AggregateKind[] FunctionsFor(DataType type)
    {
        var all = new List<AggregateKind> { AggregateKind.CountAll, AggregateKind.Count, AggregateKind.CountDistinct,
            AggregateKind.Min, AggregateKind.Max, AggregateKind.First, AggregateKind.Last };
        if (type.IsNumeric)
            all.AddRange([AggregateKind.Sum, AggregateKind.Mean, AggregateKind.Std, AggregateKind.Var]);
        return all.ToArray();
    }
}
