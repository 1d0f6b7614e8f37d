using FramesNet.Rpc.Internal;

namespace FramesNet.Rpc.Tests.Internal;

public sealed class PercentEncodingTests
{
    [Theory]
    [InlineData("plain ascii stays as it is", "plain ascii stays as it is")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("ключ", "%D0%BA%D0%BB%D1%8E%D1%87")]
    [InlineData("\u2713", "%E2%9C%93")]
    public void Encodes_bytes_outside_printable_ascii_and_percent(string text, string encoded)
    {
        Assert.Equal(encoded, PercentEncoding.Encode(text));
        Assert.Equal(text, PercentEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("50%")]
    [InlineData("%zz and %4")]
    [InlineData("%")]
    public void Decoding_keeps_malformed_escapes_as_they_stand(string text) => Assert.Equal(text, PercentEncoding.Decode(text));

    [Fact]
    public void Lower_case_hex_decodes_too() => Assert.Equal("ключ", PercentEncoding.Decode("%d0%ba%d0%bb%d1%8e%d1%87"));
}
