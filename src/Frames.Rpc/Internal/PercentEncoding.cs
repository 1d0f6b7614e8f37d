using System.Text;

namespace FramesNet.Rpc.Internal;

/// <summary>
/// <c>grpc-message</c> encoding: UTF-8, with bytes outside 0x20–0x7E and '%' written as %XX.
/// Decoding never fails: a malformed escape is kept as it stands.
/// </summary>
internal static class PercentEncoding
{
    public static string Encode(string text)
    {
        var needs = false;
        foreach (var c in text)
        {
            if (c is < ' ' or > '~' or '%')
            {
                needs = true;
                break;
            }
        }
        if (!needs)
            return text;
        var bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
                builder.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            else
                builder.Append((char)b);
        }
        return builder.ToString();
    }

    public static string Decode(string text)
    {
        if (!text.Contains('%'))
            return text;
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add((byte)(HexValue(text[i + 1]) << 4 | HexValue(text[i + 2])));
                i += 2;
            }
            else if (c <= 0x7F)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
