using System.Globalization;
using System.Text;
using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>Formats the values of one column of one batch into a <see cref="CsvOutput"/>, row by row.</summary>
internal abstract class CsvColumnWriter
{
    protected CsvColumnWriter(Column column) => Column = column;

    protected Column Column { get; }

    public void Write(int row, CsvOutput output)
    {
        if (Column.NullCount > 0 && !Column.IsValid(row))
            output.PutNull();
        else
            WriteValue(row, output);
    }

    protected abstract void WriteValue(int row, CsvOutput output);

    public static CsvColumnWriter For(Column column) => column switch
    {
        PrimitiveColumn<int> c when c.Type.Id == TypeId.Date32 => new Date32Writer(c),
        PrimitiveColumn<long> c when c.Type.Id == TypeId.Timestamp => new TimestampWriter(c),
        PrimitiveColumn<long> c => new NumberWriter<long>(c),
        PrimitiveColumn<int> c => new NumberWriter<int>(c),
        PrimitiveColumn<short> c => new NumberWriter<short>(c),
        PrimitiveColumn<sbyte> c => new NumberWriter<sbyte>(c),
        PrimitiveColumn<ulong> c => new NumberWriter<ulong>(c),
        PrimitiveColumn<uint> c => new NumberWriter<uint>(c),
        PrimitiveColumn<ushort> c => new NumberWriter<ushort>(c),
        PrimitiveColumn<byte> c => new NumberWriter<byte>(c),
        PrimitiveColumn<double> c => new NumberWriter<double>(c),
        PrimitiveColumn<float> c => new NumberWriter<float>(c),
        BooleanColumn c => new BoolWriter(c),
        BinaryColumn { Type.Id: TypeId.Utf8 } c => new Utf8Writer(c),
        LargeBinaryColumn { Type.Id: TypeId.LargeUtf8 } c => new LargeUtf8Writer(c),
        _ => new TextWriter(column),
    };

    /// <summary>Integers and floats; floats print the shortest text that parses back to the same value.</summary>
    private sealed class NumberWriter<T>(PrimitiveColumn<T> column) : CsvColumnWriter(column)
        where T : unmanaged, IUtf8SpanFormattable
    {
        protected override void WriteValue(int row, CsvOutput output)
        {
            column.Values[row].TryFormat(output.Reserve(32), out var written, default, CultureInfo.InvariantCulture);
            output.Length += written;
        }
    }

    private sealed class BoolWriter(BooleanColumn column) : CsvColumnWriter(column)
    {
        protected override void WriteValue(int row, CsvOutput output) => output.Put(column[row] ? "true"u8 : "false"u8);
    }

    private sealed class Utf8Writer(BinaryColumn column) : CsvColumnWriter(column)
    {
        protected override void WriteValue(int row, CsvOutput output) => output.PutString(column.GetBytes(row));
    }

    private sealed class LargeUtf8Writer(LargeBinaryColumn column) : CsvColumnWriter(column)
    {
        protected override void WriteValue(int row, CsvOutput output) => output.PutString(column.GetBytes(row));
    }

    private sealed class Date32Writer(PrimitiveColumn<int> column) : CsvColumnWriter(column)
    {
        protected override void WriteValue(int row, CsvOutput output)
        {
            var days = column.Values[row];
            if (!CsvTemporal.TryFormatDate(days, output.Reserve(16), out var written))
                days.TryFormat(output.Reserve(16), out written, default, CultureInfo.InvariantCulture);
            output.Length += written;
        }
    }

    private sealed class TimestampWriter(PrimitiveColumn<long> column) : CsvColumnWriter(column)
    {
        protected override void WriteValue(int row, CsvOutput output)
        {
            var value = column.Values[row];
            if (!CsvTemporal.TryFormatTimestamp(value, column.Type, output.Reserve(40), out var written))
                value.TryFormat(output.Reserve(40), out written, default, CultureInfo.InvariantCulture);
            output.Length += written;
        }
    }

    /// <summary>Any other type (dictionaries, binary as hex): the text tables print, quoted as a string.</summary>
    private sealed class TextWriter(Column column) : CsvColumnWriter(column)
    {
        protected override void WriteValue(int row, CsvOutput output) =>
            output.PutString(Encoding.UTF8.GetBytes(ValueFormatter.Format(Column, row) ?? ""));
    }
}
