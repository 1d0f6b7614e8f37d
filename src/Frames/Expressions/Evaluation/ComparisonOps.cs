using System.Runtime.Intrinsics;

namespace FramesNet.Expressions.Evaluation;

/// <summary>One comparison as a type, so the JIT compiles a specialised loop per operator and element type.</summary>
internal interface IComparisonOp
{
    static abstract bool Test<T>(T a, T b) where T : IComparable<T>;

    static abstract Vector256<T> Test<T>(Vector256<T> a, Vector256<T> b);

    /// <summary>Holds for a three-way comparison result (ordinal string comparisons).</summary>
    static abstract bool Holds(int comparison);
}

internal readonly struct EqualOp : IComparisonOp
{
    public static bool Test<T>(T a, T b) where T : IComparable<T> => EqualityComparer<T>.Default.Equals(a, b) && !IsNaN(a);
    public static Vector256<T> Test<T>(Vector256<T> a, Vector256<T> b) => Vector256.Equals(a, b);
    public static bool Holds(int c) => c == 0;

    internal static bool IsNaN<T>(T value) =>
        (typeof(T) == typeof(double) && double.IsNaN((double)(object)value!)) ||
        (typeof(T) == typeof(float) && float.IsNaN((float)(object)value!));
}

internal readonly struct NotEqualOp : IComparisonOp
{
    public static bool Test<T>(T a, T b) where T : IComparable<T> => !EqualOp.Test(a, b);
    public static Vector256<T> Test<T>(Vector256<T> a, Vector256<T> b) => ~Vector256.Equals(a, b);
    public static bool Holds(int c) => c != 0;
}

internal readonly struct LessOp : IComparisonOp
{
    public static bool Test<T>(T a, T b) where T : IComparable<T> => !EqualOp.IsNaN(a) && !EqualOp.IsNaN(b) && a.CompareTo(b) < 0;
    public static Vector256<T> Test<T>(Vector256<T> a, Vector256<T> b) => Vector256.LessThan(a, b);
    public static bool Holds(int c) => c < 0;
}

internal readonly struct LessOrEqualOp : IComparisonOp
{
    public static bool Test<T>(T a, T b) where T : IComparable<T> => !EqualOp.IsNaN(a) && !EqualOp.IsNaN(b) && a.CompareTo(b) <= 0;
    public static Vector256<T> Test<T>(Vector256<T> a, Vector256<T> b) => Vector256.LessThanOrEqual(a, b);
    public static bool Holds(int c) => c <= 0;
}

internal readonly struct GreaterOp : IComparisonOp
{
    public static bool Test<T>(T a, T b) where T : IComparable<T> => !EqualOp.IsNaN(a) && !EqualOp.IsNaN(b) && a.CompareTo(b) > 0;
    public static Vector256<T> Test<T>(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThan(a, b);
    public static bool Holds(int c) => c > 0;
}

internal readonly struct GreaterOrEqualOp : IComparisonOp
{
    public static bool Test<T>(T a, T b) where T : IComparable<T> => !EqualOp.IsNaN(a) && !EqualOp.IsNaN(b) && a.CompareTo(b) >= 0;
    public static Vector256<T> Test<T>(Vector256<T> a, Vector256<T> b) => Vector256.GreaterThanOrEqual(a, b);
    public static bool Holds(int c) => c >= 0;
}
