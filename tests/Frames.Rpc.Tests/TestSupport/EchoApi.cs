using FramesNet.Rpc.Tests.Protos;

namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>The methods of the test proto's Echo service, as both sides use them.</summary>
internal static class EchoApi
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Echo");

    public static readonly Method<EchoRequest, EchoReply> Unary = Method.FromDescriptor<EchoRequest, EchoReply>(Service, "Unary");
    public static readonly Method<EchoRequest, EchoReply> ServerStream = Method.FromDescriptor<EchoRequest, EchoReply>(Service, "ServerStream");
    public static readonly Method<EchoRequest, EchoReply> ClientStream = Method.FromDescriptor<EchoRequest, EchoReply>(Service, "ClientStream");
    public static readonly Method<EchoRequest, EchoReply> Bidi = Method.FromDescriptor<EchoRequest, EchoReply>(Service, "Bidi");

    /// <summary>A method the servers do not implement.</summary>
    public static readonly Method<EchoRequest, EchoReply> Missing = new(MethodType.Unary, "frames.test.v1.Echo", "Nope", EchoRequest.Parser, EchoReply.Parser);
}
