using Google.Protobuf;
using FramesNet.Rpc.Tests.Protos;

namespace FramesNet.Rpc.Tests.TestSupport;

/// <summary>The test proto's Echo service as clients use it: its generated client, and a method no server implements.</summary>
internal static class EchoApi
{
    public const string ServiceName = "frames.test.v1.Echo";

    /// <summary>A method the servers do not implement.</summary>
    private static readonly Method<EchoRequest, EchoReply> Missing = new(MethodType.Unary, ServiceName, "Nope",
        Marshallers.Create(m => m.ToByteArray(), EchoRequest.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), EchoReply.Parser.ParseFrom));

    /// <summary>A method of a service the servers do not have.</summary>
    private static readonly Method<EchoRequest, EchoReply> MissingService = new(MethodType.Unary, "frames.test.v1.Gone", "Echo",
        Missing.RequestMarshaller, Missing.ResponseMarshaller);

    public static Echo.EchoClient Client(ChannelBase channel) => new(channel);

    /// <summary>Calls <c>/frames.test.v1.Echo/Nope</c>, which no server implements.</summary>
    public static Task<EchoReply> CallMissingAsync(ChannelBase channel) =>
        channel.CreateCallInvoker().AsyncUnaryCall(Missing, null, new CallOptions(), new EchoRequest()).ResponseAsync;

    /// <summary>Calls <c>/frames.test.v1.Gone/Echo</c>, a service no server has.</summary>
    public static Task<EchoReply> CallMissingServiceAsync(ChannelBase channel) =>
        channel.CreateCallInvoker().AsyncUnaryCall(MissingService, null, new CallOptions(), new EchoRequest()).ResponseAsync;
}
