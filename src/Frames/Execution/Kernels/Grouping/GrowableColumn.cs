using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Execution.Kernels;

/// <summary>
/// An append-only column over growable arrays: where hash tables keep one key per group. <see cref="View"/> shows
/// the values so far as an ordinary column without copying (until the next append), so the bulk comparers and
/// gathers work on stored keys as on any input. Floats are stored canonically (-0.0 as 0.0, one NaN).
/// </summary>
internal abstract class GrowableColumn
{
    private byte[] _validity = [];
    private bool _hasNulls;

    protected GrowableColumn(DataType type) => Type = type;

    public DataType Type { get; }

    public int Count { get; protected set; }

    public static GrowableColumn Create(DataType type) => type.Id switch
    {
        TypeId.Int8 => new GrowablePrimitive<sbyte>(type),
        TypeId.Int16 => new GrowablePrimitive<short>(type),
        TypeId.Int32 or TypeId.Date32 => new GrowablePrimitive<int>(type),
        TypeId.Int64 or TypeId.Timestamp => new GrowablePrimitive<long>(type),
        TypeId.UInt8 => new GrowablePrimitive<byte>(type),
        TypeId.UInt16 => new GrowablePrimitive<ushort>(type),
        TypeId.UInt32 => new GrowablePrimitive<uint>(type),
        TypeId.UInt64 => new GrowablePrimitive<ulong>(type),
        TypeId.Float32 => new GrowablePrimitive<float>(type),
        TypeId.Float64 => new GrowablePrimitive<double>(type),
        TypeId.Bool => new GrowableBoolean(),
        TypeId.Utf8 or TypeId.Binary => new GrowableBinary(type),
        TypeId.Dictionary => Create(type.ValueType!),
        _ => throw new NotSupportedException($"{type} cannot be a key column"),
    };

    /// <summary>Appends <c>source[rows[i]]</c> for each i (rows inside the source).</summary>
    public void Append(Column source, ReadOnlySpan<int> rows)
    {
        var start = Count;
        AppendValues(source, rows);
        if (source.NullCount == 0 && !_hasNulls)
            return;
        EnsureValidity(start + rows.Length);
        for (var i = 0; i < rows.Length; i++)
            SetValid(start + i, source.IsValid(rows[i]));
    }

    protected abstract void AppendValues(Column source, ReadOnlySpan<int> rows);

    private void EnsureValidity(int count)
    {
        if (!_hasNulls)
        {
            // First null: everything before it was valid.
            _hasNulls = true;
            _validity = new byte[Math.Max(64, Bitmap.BytesFor(count) * 2)];
            Bitmap.Fill(_validity, 0, Count, true);
            return;
        }
        if (_validity.Length < Bitmap.BytesFor(count))
            Array.Resize(ref _validity, Math.Max(_validity.Length * 2, Bitmap.BytesFor(count)));
    }

    private void SetValid(int index, bool valid) => Bitmap.Set(_validity, index, valid);

    /// <summary>The values so far as a column; valid until the next append.</summary>
    public abstract Column View();

    protected ArrowBuffer ValidityView() => _hasNulls ? new ArrowBuffer(BufferOwner.Wrap(_validity), 0, _validity.Length) : default;

    protected static int Grow(int capacity, int needed) => Math.Max(needed, Math.Max(16, capacity * 2));
}
