using FramesNet.Columns;

namespace FramesNet.DataAnalysis.Tests;

internal static class TableAssert
{
    /// <summary>Same schema (types, nullability, metadata) and the same value in every cell, batches aside.</summary>
    public static void Equal(Table expected, Table actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (var c = 0; c < expected.Schema.Count; c++)
        {
            var want = Values(expected, c);
            var got = Values(actual, c);
            for (var r = 0; r < want.Count; r++)
                if (!Equals(want[r], got[r]) && !(want[r] is byte[] a && got[r] is byte[] b && a.AsSpan().SequenceEqual(b)))
                    Assert.Fail($"column '{expected.Schema[c].Name}' row {r}: expected {Show(want[r])}, got {Show(got[r])}");
        }
    }

    private static List<object?> Values(Table table, int column)
    {
        var values = new List<object?>();
        foreach (var batch in table.Batches)
            for (var r = 0; r < batch.Length; r++)
                values.Add(batch.Column(column).GetValue(r));
        return values;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        _ => $"{value} ({value.GetType().Name})",
    };
}
