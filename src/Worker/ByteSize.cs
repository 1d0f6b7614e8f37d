using System.Globalization;

namespace FramesNet.Worker;

/// <summary>Sizes on the command line: <c>1073741824</c>, <c>512M</c>, <c>4G</c>, <c>1.5GiB</c> (K, M, G, T are powers of 1024).</summary>
internal static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var span = text.AsSpan().Trim();
        foreach (var suffix in new[] { "iB", "B" })
        {
            if (span.Length > suffix.Length && span.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && char.IsLetter(span[^(suffix.Length + 1)]))
            {
                span = span[..^suffix.Length];
                break;
            }
        }
        if (span.IsEmpty)
            return false;
        var shift = char.ToUpperInvariant(span[^1]) switch
        {
            'K' => 10,
            'M' => 20,
            'G' => 30,
            'T' => 40,
            _ => 0,
        };
        if (shift > 0)
            span = span[..^1];
        if (!double.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return false;
        var total = value * (1L << shift);
        if (total >= long.MaxValue || total < 1)
            return false;
        bytes = (long)total;
        return true;
    }
}
