namespace FramesNet.Tests.Formats.Arrow.Support;

/// <summary>How a spec's dictionary fields are spread over its batches when Frames builds them.</summary>
public enum DictionaryMode
{
    /// <summary>One dictionary object shared by every batch: the writer sends it once.</summary>
    Shared,

    /// <summary>Each batch's dictionary extends the previous one: the writer sends deltas.</summary>
    Growing,

    /// <summary>Each batch has its own dictionary: a stream gets replacements, a file merged deltas.</summary>
    PerBatch,
}
