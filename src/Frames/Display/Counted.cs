using System.Globalization;

namespace FramesNet.Display;

/// <summary>Counts as people read them in messages: <c>1 row</c>, <c>2 rows</c>, <c>299,999 rows</c> (invariant digit grouping).</summary>
internal static class Counted
{
    /// <summary><paramref name="count"/> with thousands separators and the noun in the number it takes.</summary>
    public static string Of(long count, string singular, string? plural = null) =>
        $"{Number(count)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>The count with thousands separators: <c>1,234,567</c>.</summary>
    public static string Number(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
