namespace FramesNet.Formats.Arrow;

/// <summary>
/// Arrow IPC input that is not well formed: truncated, bad magic, lengths or offsets out of range, a broken
/// flatbuffer, a type Frames cannot hold. The message names the source and the absolute byte offset.
/// </summary>
public class ArrowFormatException : FormatException
{
    public ArrowFormatException(string reason, long byteOffset, string? sourceName = null, Exception? innerException = null)
        : base(Describe(reason, byteOffset, sourceName), innerException)
    {
        Reason = reason;
        ByteOffset = byteOffset;
        SourceName = sourceName;
    }

    /// <summary>Offset from the start of the input of the byte where the problem was found.</summary>
    public long ByteOffset { get; }

    /// <summary>File name or other label of the input, when the caller gave one.</summary>
    public string? SourceName { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    private static string Describe(string reason, long byteOffset, string? sourceName) =>
        $"{sourceName ?? "Arrow IPC input"}: at byte {byteOffset}: {reason}";
}
