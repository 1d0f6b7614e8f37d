using System.Globalization;
using System.Text;
using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Formats.Csv;

[Trait("Category", "Slow")] // counts and sizes grow with FRAMES_TEST_TIER=slow
public sealed class CsvNumbersTests
{
    private static readonly string[] Pieces = ["0", "1", "2", "5", "7", "9", "00", "123", "99999999", ".", "-", "+", "e", "x", " ", ",", "\"", "18446744073709551616"];

    private static Arbitrary<int> Seeds => ArbMap.Default.ArbFor<int>();

    /// <summary>The text in a buffer followed by garbage, as fields sit in the read buffer.</summary>
    private static ReadOnlySpan<byte> InBuffer(string text, Random random)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var buffer = new byte[bytes.Length + 16];
        random.NextBytes(buffer);
        bytes.CopyTo(buffer, 0);
        return buffer.AsSpan(0, bytes.Length);
    }

    private static string RandomNumberText(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    [Fact]
    public void Fast_integers_agree_with_long_parse() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var text = random.Next(3) == 0 ? random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture) : RandomNumberText(random);
            var bcl = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expected);
            long value = 0;
            if (CsvNumbers.TryParseInt64Fast(InBuffer(text, random), ref value))
                Assert.True(bcl && value == expected, $"'{text}': fast {value}, long.Parse {(bcl ? expected : "fails")}");
            else if (bcl && text.TrimStart('-').Length <= 16 && !text.StartsWith('+'))
                Assert.Fail($"'{text}' is a plain integer the fast path refused");
        }
    }));

    [Fact]
    public void Fast_floats_agree_bit_for_bit_with_double_parse() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var text = random.Next(3) == 0
                ? Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 9)), random.Next(0, 8)).ToString(CultureInfo.InvariantCulture)
                : RandomNumberText(random);
            var bcl = double.TryParse(text, CsvNumbers.FloatStyle, CultureInfo.InvariantCulture, out var expected);
            double value = 0;
            if (CsvNumbers.TryParseFloat64Fast(InBuffer(text, random), ref value))
                Assert.True(bcl && BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(expected),
                    $"'{text}': fast {value:R}, double.Parse {(bcl ? expected.ToString("R") : "fails")}");
        }
    }));

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-0", -0.0)]
    [InlineData("14.88", 14.88)]
    [InlineData("-123.4567", -123.4567)]
    [InlineData("99999999", 99999999.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    public void Common_decimals_take_the_fast_path(string text, double expected)
    {
        double value = 0;
        Assert.True(CsvNumbers.TryParseFloat64Fast(InBuffer(text, new Random(1)), ref value));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData("12,5")]
    [InlineData("1 ")]
    public void Other_shapes_are_left_to_the_full_parser(string text)
    {
        double value = 0;
        Assert.False(CsvNumbers.TryParseFloat64Fast(InBuffer(text, new Random(2)), ref value));
    }

    [Fact]
    public void Doubles_are_written_as_double_ToString_R_writes_them() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        Span<byte> buffer = stackalloc byte[40];
        for (var i = 0; i < 50; i++)
        {
            var value = random.Next(4) switch
            {
                0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                1 => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-5, 16)), random.Next(0, 12)),
                2 => random.Next(-100000, 100000) / Math.Pow(10, random.Next(0, 8)),
                _ => random.NextDouble() * Math.Pow(10, random.Next(-6, 17)) * (random.Next(2) == 0 ? -1 : 1),
            };
            var written = Encoding.ASCII.GetString(buffer[..CsvDoubleFormatter.Format(value, buffer)]);
            Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture), written);
        }
    }));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(14.88, "14.88")]
    [InlineData(0.05, "0.05")]
    [InlineData(-300.0, "-300")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(double.NaN, "NaN")]
    public void Doubles_print_shortest_round_trip_text(double value, string expected)
    {
        Span<byte> buffer = stackalloc byte[40];
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer[..CsvDoubleFormatter.Format(value, buffer)]));
    }

    [Fact]
    public unsafe void Four_lane_parsing_agrees_with_the_scalar_fast_paths() => Properties.Check(Prop.ForAll(Seeds, seed =>
    {
        if (!CsvSimdNumbers.IsSupported)
            return;
        var random = new Random(seed);
        var texts = Enumerable.Range(0, 4).Select(_ => random.Next(3) switch
        {
            0 => RandomNumberText(random),
            1 => (random.Next(2) == 0 ? "-" : "") + random.Next(0, 100_000_000).ToString(CultureInfo.InvariantCulture).Insert(0, random.Next(2) == 0 ? "" : "."),
            _ => Math.Round(random.NextDouble() * Math.Pow(10, random.Next(0, 8)), random.Next(0, 7)).ToString(CultureInfo.InvariantCulture),
        }).ToArray();
        // The four fields back to back in one buffer, separated by commas, followed by random padding.
        var line = Encoding.ASCII.GetBytes(string.Join(",", texts));
        var buffer = new byte[line.Length + 16];
        random.NextBytes(buffer);
        line.CopyTo(buffer, 0);
        var starts = new int[4];
        for (var i = 1; i < 4; i++)
            starts[i] = starts[i - 1] + texts[i - 1].Length + 1;
        var doubles = new double[4];
        var longs = new long[4];
        int floatLanes, intLanes;
        fixed (byte* data = buffer)
        fixed (double* d = doubles)
        fixed (long* l = longs)
        {
            floatLanes = CsvSimdNumbers.ParseFloat64(data, starts[0], texts[0].Length, starts[1], texts[1].Length, starts[2], texts[2].Length, starts[3], texts[3].Length, d);
            intLanes = CsvSimdNumbers.ParseInt64(data, starts[0], texts[0].Length, starts[1], texts[1].Length, starts[2], texts[2].Length, starts[3], texts[3].Length, l);
        }
        for (var lane = 0; lane < 4; lane++)
        {
            var field = buffer.AsSpan(starts[lane], texts[lane].Length);
            double scalarDouble = 0;
            long scalarLong = 0;
            var scalarFloat = CsvNumbers.TryParseFloat64Fast(field, ref scalarDouble);
            var scalarInt = CsvNumbers.TryParseInt64Fast(field, ref scalarLong) && texts[lane].TrimStart('-').Length <= 8;
            Assert.True(scalarFloat == ((floatLanes >> lane & 1) == 1), $"'{texts[lane]}': float lanes {floatLanes:b4}");
            Assert.True(scalarInt == ((intLanes >> lane & 1) == 1), $"'{texts[lane]}': int lanes {intLanes:b4}");
            if (scalarFloat)
                Assert.Equal(BitConverter.DoubleToInt64Bits(scalarDouble), BitConverter.DoubleToInt64Bits(doubles[lane]));
            if (scalarInt)
                Assert.Equal(scalarLong, longs[lane]);
        }
    }));
}
