using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FramesNet.Columns;

namespace FramesNet.Formats.Csv;

/// <summary>Formats a block of one column's values into a <see cref="CsvFieldBlock"/>, one loop per type.</summary>
internal abstract class CsvColumnWriter(Column column, CsvQuoting quoting)
{
    protected Column Column { get; } = column;

    protected CsvQuoting Quoting { get; } = quoting;

    /// <summary>Formats rows [<paramref name="first"/>, + <paramref name="rows"/>); nulls become the null text.</summary>
    public void Format(int first, int rows, CsvFieldBlock block)
    {
        block.Begin(rows);
        if (Column.NullCount == 0)
        {
            FormatValues(first, rows, block);
            return;
        }
        // Runs of valid values go to the typed loop; nulls in between are written here.
        var row = 0;
        while (row < rows)
        {
            if (!Column.IsValid(first + row))
            {
                block.Put(Quoting.NullText);
                block.Ends[row++] = block.Length;
                continue;
            }
            var run = row + 1;
            while (run < rows && Column.IsValid(first + run))
                run++;
            FormatRun(first, row, run - row, block);
            row = run;
        }
    }

    private void FormatValues(int first, int rows, CsvFieldBlock block) => FormatRun(first, 0, rows, block);

    /// <summary>Valid values of rows first+at .. first+at+count, written to block rows at .. at+count.</summary>
    protected abstract void FormatRun(int first, int at, int count, CsvFieldBlock block);

    public static CsvColumnWriter For(Column column, CsvQuoting quoting) => column switch
    {
        PrimitiveColumn<int> c when c.Type.Id == TypeId.Date32 => new Date32Writer(c, quoting),
        PrimitiveColumn<long> c when c.Type.Id == TypeId.Timestamp => new TimestampWriter(c, quoting),
        PrimitiveColumn<long> c => new NumberWriter<long>(c, quoting),
        PrimitiveColumn<int> c => new NumberWriter<int>(c, quoting),
        PrimitiveColumn<short> c => new NumberWriter<short>(c, quoting),
        PrimitiveColumn<sbyte> c => new NumberWriter<sbyte>(c, quoting),
        PrimitiveColumn<ulong> c => new NumberWriter<ulong>(c, quoting),
        PrimitiveColumn<uint> c => new NumberWriter<uint>(c, quoting),
        PrimitiveColumn<ushort> c => new NumberWriter<ushort>(c, quoting),
        PrimitiveColumn<byte> c => new NumberWriter<byte>(c, quoting),
        PrimitiveColumn<double> c => new DoubleWriter(c, quoting),
        PrimitiveColumn<float> c => new NumberWriter<float>(c, quoting),
        BooleanColumn c => new BoolWriter(c, quoting),
        BinaryColumn { Type.Id: TypeId.Utf8 } c => new Utf8Writer(c, quoting),
        LargeBinaryColumn { Type.Id: TypeId.LargeUtf8 } c => new LargeUtf8Writer(c, quoting),
        _ => new TextWriter(column, quoting),
    };

    /// <summary>Integers, and float32 in its shortest round-trip text.</summary>
    private sealed class NumberWriter<T>(PrimitiveColumn<T> column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
        where T : unmanaged, IUtf8SpanFormattable
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            var values = column.Values.Slice(first + at, count);
            var ends = block.Ends.AsSpan(at, count);
            for (var i = 0; i < values.Length; i++)
            {
                values[i].TryFormat(block.Reserve(32), out var written, default, CultureInfo.InvariantCulture);
                block.Length += written;
                ends[i] = block.Length;
            }
        }
    }

    private sealed class DoubleWriter(PrimitiveColumn<double> column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            var values = column.Values.Slice(first + at, count);
            var ends = block.Ends.AsSpan(at, count);
            for (var i = 0; i < values.Length; i++)
            {
                block.Length += CsvDoubleFormatter.Format(values[i], block.Reserve(32));
                ends[i] = block.Length;
            }
        }
    }

    private sealed class BoolWriter(BooleanColumn column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
    {
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            for (var i = at; i < at + count; i++)
            {
                block.Put(column[first + i] ? "true"u8 : "false"u8);
                block.Ends[i] = block.Length;
            }
        }
    }

    private sealed class Utf8Writer(BinaryColumn column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            var offsets = column.Offsets;
            var data = column.Data;
            var ends = block.Ends.AsSpan(at, count);
            for (var i = 0; i < count; i++)
            {
                var start = offsets[first + at + i];
                Quoting.PutString(data[start..offsets[first + at + i + 1]], block);
                ends[i] = block.Length;
            }
        }
    }

    private sealed class LargeUtf8Writer(LargeBinaryColumn column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
    {
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            for (var i = at; i < at + count; i++)
            {
                Quoting.PutString(column.GetBytes(first + i), block);
                block.Ends[i] = block.Length;
            }
        }
    }

    private sealed class Date32Writer(PrimitiveColumn<int> column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
    {
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            var values = column.Values.Slice(first + at, count);
            for (var i = 0; i < count; i++)
            {
                if (!CsvTemporal.TryFormatDate(values[i], block.Reserve(16), out var written))
                    values[i].TryFormat(block.Reserve(16), out written, default, CultureInfo.InvariantCulture);
                block.Length += written;
                block.Ends[at + i] = block.Length;
            }
        }
    }

    private sealed class TimestampWriter(PrimitiveColumn<long> column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
    {
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            var values = column.Values.Slice(first + at, count);
            for (var i = 0; i < count; i++)
            {
                if (!CsvTemporal.TryFormatTimestamp(values[i], column.Type, block.Reserve(40), out var written))
                    values[i].TryFormat(block.Reserve(40), out written, default, CultureInfo.InvariantCulture);
                block.Length += written;
                block.Ends[at + i] = block.Length;
            }
        }
    }

    /// <summary>Any other type (dictionaries, binary as hex): the text tables print, quoted as a string.</summary>
    private sealed class TextWriter(Column column, CsvQuoting quoting) : CsvColumnWriter(column, quoting)
    {
        protected override void FormatRun(int first, int at, int count, CsvFieldBlock block)
        {
            for (var i = at; i < at + count; i++)
            {
                Quoting.PutString(Encoding.UTF8.GetBytes(ValueFormatter.Format(Column, first + i) ?? ""), block);
                block.Ends[i] = block.Length;
            }
        }
    }
}
