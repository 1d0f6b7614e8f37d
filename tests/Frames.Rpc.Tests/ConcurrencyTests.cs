using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests;

/// <summary>Many calls at once over one channel, beyond one HTTP/2 connection's stream limit.</summary>
public sealed class ConcurrencyTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public async Task Hundreds_of_concurrent_unary_calls_all_get_their_own_answer()
    {
        var calls = Enumerable.Range(0, 500).Select(async i =>
        {
            var reply = await EchoApi.Client(fixture.Channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8($"call {i}"), DelayMs = i % 7 }).ResponseAsync;
            return reply.Payload.ToStringUtf8();
        });

        var answers = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"call {i}"), answers);
    }

    [Fact]
    public async Task Concurrent_streams_of_every_shape_do_not_mix()
    {
        var streams = Enumerable.Range(0, 150).Select(async i =>
        {
            switch (i % 3)
            {
                case 0:
                {
                    using var call = EchoApi.Client(fixture.Channel).ServerStream(new EchoRequest { Count = 20, ReplySize = 10 + i });
                    var n = 0;
                    await foreach (var reply in call.ResponseStream.ReadAllAsync())
                    {
                        Assert.Equal(10 + i, reply.Payload.Length);
                        Assert.Equal(n++, reply.Index);
                    }
                    return n;
                }
                case 1:
                {
                    using var call = EchoApi.Client(fixture.Channel).ClientStream();
                    for (var k = 0; k < 20; k++)
                        await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[i]) });
                    await call.RequestStream.CompleteAsync();
                    var reply = await call;
                    Assert.Equal(20L * i, reply.TotalBytes);
                    return reply.Count;
                }
                default:
                {
                    using var call = EchoApi.Client(fixture.Channel).Bidi();
                    for (var k = 0; k < 20; k++)
                    {
                        await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8($"{i}/{k}") });
                        Assert.True(await call.ResponseStream.MoveNext());
                        Assert.Equal($"{i}/{k}", call.ResponseStream.Current.Payload.ToStringUtf8());
                    }
                    await call.RequestStream.CompleteAsync();
                    Assert.False(await call.ResponseStream.MoveNext());
                    return 20;
                }
            }
        });

        var counts = await Task.WhenAll(streams);

        Assert.All(counts, c => Assert.Equal(20, c));
    }
}
