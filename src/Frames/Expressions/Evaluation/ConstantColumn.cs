using System.Runtime.InteropServices;
using System.Text;
using FramesNet.Columns;
using FramesNet.Memory;

namespace FramesNet.Expressions.Evaluation;

/// <summary>Spells a constant out as a column of a given length (when a kernel has no scalar fast path).</summary>
internal static class ConstantColumn
{
    public static Column Create(object? value, DataType type, int length)
    {
        if (value is null)
            return AllNull(type, length);
        switch (value)
        {
            case long l when type.ByteWidth == 8: return Fill(type, l, length);
            case double d when type.Id == TypeId.Float64: return Fill(type, d, length);
            case ulong u when type.ByteWidth == 8: return Fill(type, u, length);
            case int i when type.Id == TypeId.Date32: return Fill(type, i, length);
            case bool b:
            {
                var bits = BufferPool.Shared.Rent(Bitmap.BytesFor(length));
                bits.Span[..Bitmap.BytesFor(length)].Fill(b ? (byte)0xFF : (byte)0);
                return new BooleanColumn(length, new ArrowBuffer(bits, 0, Bitmap.BytesFor(length)));
            }
            case string s when type.Id == TypeId.Utf8: return Repeat(type, Encoding.UTF8.GetBytes(s), length);
            case byte[] bytes when type.Id == TypeId.Binary: return Repeat(type, bytes, length);
        }
        var builder = ColumnBuilder.Create(type, length);
        for (var k = 0; k < length; k++)
            builder.AppendObject(value);
        return builder.Build();
    }

    public static Column AllNull(DataType type, int length)
    {
        if (type.Id == TypeId.Null)
            return new NullColumn(length);
        var builder = ColumnBuilder.Create(type, length);
        for (var k = 0; k < length; k++)
            builder.AppendNull();
        return builder.Build();
    }

    private static Column Fill<T>(DataType type, T value, int length) where T : unmanaged
    {
        var bytes = length * Marshal.SizeOf<T>();
        var owner = BufferPool.Shared.Rent(bytes);
        MemoryMarshal.Cast<byte, T>(owner.Span[..bytes]).Fill(value);
        return new PrimitiveColumn<T>(type, length, new ArrowBuffer(owner, 0, bytes));
    }

    private static Column Repeat(DataType type, byte[] value, int length)
    {
        var builder = new BinaryColumnBuilder(type, length, value.Length * length);
        for (var k = 0; k < length; k++)
            builder.Append(value);
        return builder.Build();
    }
}
