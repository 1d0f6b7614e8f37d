using FramesNet.Rpc.Internal;

namespace FramesNet.Rpc.Tests.Internal;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("199m", 1_990_000L)]
    [InlineData("201m", 2_010_000L)]
    [InlineData("250u", 2_500L)]
    [InlineData("1000n", 10L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void Parses_every_unit(string text, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void Refuses_malformed_values(string text) => Assert.False(GrpcTimeout.TryParse(text, out _));

    [Theory]
    [InlineData(0.5, "500u")]
    [InlineData(300, "300000u")]
    [InlineData(200_000, "200000m")]
    [InlineData(1e9, "1000000S")]
    public void Formats_with_the_finest_unit_that_fits(double milliseconds, string expected) =>
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Formats_round_up_and_never_below_one_unit()
    {
        Assert.Equal("2u", GrpcTimeout.Format(TimeSpan.FromTicks(11)));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public void Every_formatted_value_parses_back_to_at_least_the_original()
    {
        foreach (var ms in new[] { 1.0, 17.3, 999.9, 65_432.1, 3.6e6, 8.64e7, 5e10 })
        {
            var span = TimeSpan.FromMilliseconds(ms);
            var text = GrpcTimeout.Format(span);
            Assert.True(text.Length <= 9, text);
            Assert.True(GrpcTimeout.TryParse(text, out var back), text);
            Assert.True(back >= span, $"{text} < {span}");
        }
    }
}
