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

    public static Echo.EchoClient Client(ChannelBase channel) => new(channel);

    /// <summary>Calls <c>/frames.test.v1.Echo/Nope</c>, which no server implements.</summary>
    public static Task<EchoReply> CallMissingAsync(ChannelBase channel) =>
        channel.CreateCallInvoker().AsyncUnaryCall(Missing, null, new CallOptions(), new EchoRequest()).ResponseAsync;
}
