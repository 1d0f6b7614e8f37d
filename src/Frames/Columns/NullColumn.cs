namespace FramesNet.Columns;

/// <summary>Arrow's Null type: every value is null and no buffer is stored.</summary>
public sealed class NullColumn : Column
{
    public NullColumn(int length) : base(DataType.Null, length, 0, [], length) { }

    public override object? GetValue(int index) => null;

    private protected override Column SliceCore(int absoluteOffset, int length) => new NullColumn(length);
}
