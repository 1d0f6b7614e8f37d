using System.Globalization;
using System.Text;
using FramesNet.Formats.Csv;
using FramesNet.Tests.TestSupport;
using FsCheck;
using FsCheck.Fluent;

namespace FramesNet.Tests.Formats.Csv;

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
}
