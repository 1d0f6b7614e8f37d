using System.Buffers.Binary;
using A = Apache.Arrow;

namespace FramesNet.Formats.Parquet;

/// <summary>Decimal128 values as float64: the 128-bit unscaled integer divided by 10^scale (exact to about 15–17 digits).</summary>
internal static class DecimalColumns
{
    public static A.DoubleArray ToDouble(A.Decimal128Array decimals)
    {
        var scale = ((A.Types.Decimal128Type)decimals.Data.DataType).Scale;
        var divisor = Math.Pow(10, scale);
        var raw = decimals.ValueBuffer.Span;
        var builder = new A.DoubleArray.Builder().Reserve(decimals.Length);
        for (var i = 0; i < decimals.Length; i++)
        {
            if (decimals.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var at = (decimals.Offset + i) * 16;
            var value = new Int128(BinaryPrimitives.ReadUInt64LittleEndian(raw[(at + 8)..]), BinaryPrimitives.ReadUInt64LittleEndian(raw[at..]));
            builder.Append((double)value / divisor);
        }
        return builder.Build();
    }
}
