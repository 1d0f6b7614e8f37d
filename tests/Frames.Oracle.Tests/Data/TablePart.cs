namespace FramesNet.Oracle.Tests.Data;

/// <summary>How an empty part is written: nothing at all, a header (CSV) or a schema without batches (Arrow), or an empty batch.</summary>
internal enum EmptyPartStyle
{
    Bytes0,
    HeaderOnly,
    EmptyBatch,
}

/// <summary>One file of a table: rows [<see cref="Start"/>, Start + Count) of the table's columns, cut into batches of <see cref="BatchRows"/>.</summary>
internal sealed record TablePart(int Start, int Count, int BatchRows, bool StreamFormat, EmptyPartStyle EmptyStyle);
