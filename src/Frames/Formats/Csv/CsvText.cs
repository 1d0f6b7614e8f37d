using System.Text;

namespace FramesNet.Formats.Csv;

/// <summary>Small pieces of RFC 4180 text handling shared by the reader's paths: unquoting and quoting values for messages.</summary>
internal static class CsvText
{
    private const int MaxShown = 40;

    /// <summary>
    /// Writes the value of the quoted field <paramref name="raw"/> (which starts with a quote) to
    /// <paramref name="destination"/> (at least as long as <paramref name="raw"/>), undoubling quotes.
    /// Returns the value's length, or -1 with <paramref name="problem"/> set when the field is malformed.
    /// </summary>
    public static int Unquote(ReadOnlySpan<byte> raw, Span<byte> destination, out string? problem)
    {
        problem = null;
        var written = 0;
        var i = 1;
        while (true)
        {
            var next = raw[i..].IndexOf((byte)'"');
            if (next < 0)
            {
                problem = "a quoted field without its closing quote";
                return -1;
            }
            raw.Slice(i, next).CopyTo(destination[written..]);
            written += next;
            i += next + 1;
            if (i == raw.Length)
                return written;
            if (raw[i] != (byte)'"')
            {
                problem = $"expected a delimiter or line end after the closing quote, found {Show(raw)}";
                return -1;
            }
            destination[written++] = (byte)'"';
            i++;
        }
    }

    /// <summary>A field's text for a message: quoted, control characters escaped, long values cut.</summary>
    public static string Show(ReadOnlySpan<byte> value)
    {
        var cut = value.Length > MaxShown;
        var text = Encoding.UTF8.GetString(cut ? value[..MaxShown] : value);
        var builder = new StringBuilder(text.Length + 8).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '"': builder.Append("\\\""); break;
                default: builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c); break;
            }
        }
        builder.Append('"');
        if (cut)
            builder.Append($"... ({value.Length} bytes)");
        return builder.ToString();
    }
}
