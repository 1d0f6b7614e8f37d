namespace FramesNet.Rpc.Internal;

/// <summary>Base64 for binary metadata: peers may send it with or without padding.</summary>
internal static class Base64
{
    public static byte[] DecodeLenient(string text)
    {
        var padding = (4 - text.Length % 4) % 4;
        if (padding == 3)
            return [];
        var padded = padding == 0 ? text : text + new string('=', padding);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            // The spec asks not to fail a call over a malformed header; an empty value is what we can give.
            return [];
        }
    }
}
