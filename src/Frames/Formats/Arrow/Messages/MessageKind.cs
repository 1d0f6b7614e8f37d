namespace FramesNet.Formats.Arrow.Messages;

/// <summary>The MessageHeader union of Message.fbs (the values are the union's type tags).</summary>
internal enum MessageKind : byte
{
    Schema = 1,
    DictionaryBatch = 2,
    RecordBatch = 3,
    Tensor = 4,
    SparseTensor = 5,
}

/// <summary>MetadataVersion of Schema.fbs. Frames writes V5 and reads V4 and V5 (same layout for its types).</summary>
internal static class MetadataVersion
{
    public const short V4 = 3;
    public const short V5 = 4;
}
