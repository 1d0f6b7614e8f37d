using System.Numerics;

namespace FramesNet.Oracle.Tests.Checking;

/// <summary>
/// Orders canonical rows (exact columns first, so rows that differ only in an inexact float sort the same way
/// in both results) and decides equality: floats within a relative tolerance, NaN equal to NaN.
/// </summary>
internal sealed class RowComparer : IComparer<object?[]>
{
    private readonly int[] _order;
    private readonly bool[] _exact;

    public RowComparer(IReadOnlyList<bool> exact)
    {
        _exact = exact.ToArray();
        _order = Enumerable.Range(0, exact.Count).OrderBy(c => exact[c] ? 0 : 1).ToArray();
    }

    public int Compare(object?[]? x, object?[]? y)
    {
        foreach (var c in _order)
        {
            var order = CompareValues(x![c], y![c]);
            if (order != 0)
                return order;
        }
        return 0;
    }

    public static int CompareValues(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (double x, double y) => x.CompareTo(y),
        (BigInteger x, BigInteger y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (IComparable x, _) when a.GetType() == b.GetType() => x.CompareTo(b),
        _ => string.CompareOrdinal(a.GetType().Name, b.GetType().Name),
    };

    public bool RowEquals(object?[] x, object?[] y)
    {
        for (var c = 0; c < x.Length; c++)
            if (!ValueEquals(x[c], y[c], _exact[c]))
                return false;
        return true;
    }

    public static bool ValueEquals(object? a, object? b, bool exact) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) => FloatEquals(x, y, exact ? 1e-12 : 1e-7),
        _ => CompareValues(a, b) == 0,
    };

    private static bool FloatEquals(double x, double y, double tolerance)
    {
        if (double.IsNaN(x) || double.IsNaN(y))
            return double.IsNaN(x) && double.IsNaN(y);
        if (double.IsInfinity(x) || double.IsInfinity(y))
            return x == y;
        return Math.Abs(x - y) <= tolerance * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));
    }
}
