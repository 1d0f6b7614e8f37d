using System.Text;
using System.Text.Unicode;

namespace FramesNet.Formats;

/// <summary>
/// What the first bytes of an input look like, for errors about input that is not the format asked for:
/// <c>50 41 52 31 15 04 15 80 ("PAR1····"), which looks like Parquet</c>.
/// </summary>
internal static class FileSignature
{
    /// <summary>How many leading bytes <see cref="Describe"/> shows.</summary>
    public const int Length = 16;

    private static readonly (byte[] Magic, string Name)[] Known =
    [
        ("PAR1"u8.ToArray(), "Parquet"),
        ("ARROW1"u8.ToArray(), "the Arrow IPC file format"),
        ([0xFF, 0xFF, 0xFF, 0xFF], "the Arrow IPC stream format"),
        ("ORC"u8.ToArray(), "ORC"),
        ("Obj\u0001"u8.ToArray(), "Avro"),
        ("SQLite format 3\0"u8.ToArray(), "an SQLite database"),
        ([0x89, (byte)'H', (byte)'D', (byte)'F'], "HDF5"),
        ("PK\u0003\u0004"u8.ToArray(), "a zip archive (xlsx, docx, jar, …)"),
        ([0x1F, 0x8B], "gzip-compressed data"),
        ("BZh"u8.ToArray(), "bzip2-compressed data"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], "xz-compressed data"),
        ([0x04, 0x22, 0x4D, 0x18], "lz4-compressed data"),
        ("%PDF"u8.ToArray(), "a PDF document"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], "an ELF executable"),
    ];

    /// <summary>The format the bytes start like, or null when they are not one Frames knows.</summary>
    public static string? Recognise(ReadOnlySpan<byte> head)
    {
        foreach (var (magic, name) in Known)
            if (head.StartsWith(magic))
                return name;
        var text = head.StartsWith("\uFEFF"u8) ? head[3..] : head;
        if (text.IsEmpty || !LooksLikeText(text))
            return null;
        var trimmed = text.TrimStart(" \t\r\n"u8);
        if (!trimmed.IsEmpty && trimmed[0] is (byte)'{' or (byte)'[')
            return "JSON text";
        return text.IndexOfAny(",;\t|"u8) >= 0 ? "text (CSV or similar)" : "text";
    }

    /// <summary><c>50 41 52 31 … ("PAR1…")</c>, then <c>, which looks like Parquet</c> when it is recognised.</summary>
    public static string Describe(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
            return "nothing: the input is empty";
        var shown = head[..Math.Min(head.Length, Length)];
        var text = new StringBuilder(Convert.ToHexString(shown).ToLowerInvariant());
        for (var i = text.Length - 2; i > 0; i -= 2)
            text.Insert(i, ' ');
        text.Append(" (\"");
        foreach (var b in shown)
            text.Append(b is >= 0x20 and < 0x7F && b != (byte)'"' ? (char)b : '·');
        text.Append("\")");
        return Recognise(head) is { } name ? $"{text}, which looks like {name}" : text.ToString();
    }

    /// <summary>The first <see cref="Length"/> bytes of a file (fewer when it is shorter).</summary>
    public static byte[] Read(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[Length];
        var got = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return head[..got];
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        // A multi-byte UTF-8 sequence may be cut at the end of the sample.
        return Utf8.IsValid(head) || Utf8.IsValid(head[..Math.Max(0, head.Length - 3)]);
    }
}
