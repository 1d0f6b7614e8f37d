using FramesNet.Formats.Arrow.Flatbuffers;

namespace FramesNet.Formats.Arrow.Messages;

/// <summary>The metadata of a dictionary batch: which dictionary, its values as a one-column batch, delta or not.</summary>
internal sealed record DictionaryBatchHeader(long Id, RecordBatchHeader Data, bool IsDelta);

/// <summary><c>table DictionaryBatch</c> of Message.fbs.</summary>
internal static class DictionaryBatchCodec
{
    private const int IdSlot = 0, DataSlot = 1, IsDeltaSlot = 2;

    public static int Encode(FlatBufferBuilder builder, DictionaryBatchHeader header)
    {
        var data = RecordBatchCodec.Encode(builder, header.Data);
        builder.StartTable(3);
        builder.AddInt64(IdSlot, header.Id);
        builder.AddOffset(DataSlot, data);
        builder.AddBool(IsDeltaSlot, header.IsDelta);
        return builder.EndTable();
    }

    public static DictionaryBatchHeader Decode(FlatTable table)
    {
        var data = table.GetTable(DataSlot, "data") ?? throw table.Error("dictionary batch has no data");
        return new DictionaryBatchHeader(table.GetInt64(IdSlot), RecordBatchCodec.Decode(data), table.GetBool(IsDeltaSlot));
    }
}
