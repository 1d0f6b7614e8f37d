using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;

namespace FramesNet.Rpc.Tests;

public sealed class MethodAndMetadataTests
{
    [Fact]
    public void Methods_from_the_descriptor_carry_shape_and_path()
    {
        Assert.Equal((MethodType.Unary, "/frames.test.v1.Echo/Unary"), (EchoApi.Unary.Type, EchoApi.Unary.FullName));
        Assert.Equal(MethodType.ServerStreaming, EchoApi.ServerStream.Type);
        Assert.Equal(MethodType.ClientStreaming, EchoApi.ClientStream.Type);
        Assert.Equal(MethodType.DuplexStreaming, EchoApi.Bidi.Type);
    }

    [Fact]
    public void A_descriptor_mismatch_fails_at_start_up_naming_the_method()
    {
        var service = TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Echo");

        var wrongType = Assert.Throws<ArgumentException>(() => Method.FromDescriptor<EchoReply, EchoReply>(service, "Unary"));
        var missing = Assert.Throws<ArgumentException>(() => Method.FromDescriptor<EchoRequest, EchoReply>(service, "Nope"));

        Assert.Contains("frames.test.v1.Echo.Unary", wrongType.Message);
        Assert.Contains("no method 'Nope'", missing.Message);
    }

    [Fact]
    public void Metadata_refuses_what_the_wire_cannot_carry()
    {
        var metadata = new Metadata();

        Assert.Throws<ArgumentException>(() => metadata.Add("Bad Key", "v"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-text", "ключ"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-data-bin", "text"));
        Assert.Throws<ArgumentException>(() => metadata.Add("x-text", [1, 2]));
        Assert.Throws<ArgumentException>(() => metadata.Add("grpc-status", "0"));
        Assert.Throws<ArgumentException>(() => metadata.Add("content-type", "text/plain"));
        Assert.Throws<InvalidOperationException>(() => Metadata.Empty.Add("x-a", "b"));
    }

    [Fact]
    public void Metadata_keys_are_lower_case_and_the_last_value_wins()
    {
        var metadata = new Metadata().Add("X-Trace", "a").Add("x-trace", "b");

        Assert.Equal(2, metadata.Count);
        Assert.Equal("b", metadata.GetValue("X-TRACE"));
        Assert.All(metadata, e => Assert.Equal("x-trace", e.Key));
    }
}
