using FramesNet.Rpc.Client;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FramesNet.Rpc.Tests;

/// <summary>Statuses from handlers, unknown methods and unexpected exceptions, as the client sees them.</summary>
public sealed class ErrorTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private GrpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task RpcException_in_a_unary_handler_reaches_the_client_with_its_unicode_message()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(Channel).UnaryAsync(new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "no such partition: ключ 100% \u2713\nsecond line" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("no such partition: ключ 100% \u2713\nsecond line", error.Detail);
    }

    [Fact]
    public async Task Error_before_any_message_is_a_trailers_only_answer_on_every_shape()
    {
        var request = new EchoRequest { Count = 5, FailCode = (int)StatusCode.FailedPrecondition, FailAfter = 0, FailMessage = "not now" };

        using var stream = EchoApi.Client(Channel).ServerStream(request);
        var streamError = await Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext());
        using var clientStream = EchoApi.Client(Channel).ClientStream();
        await clientStream.RequestStream.WriteAsync(request);
        var clientStreamError = await Assert.ThrowsAsync<RpcException>(() => clientStream.ResponseAsync);

        Assert.Equal(new Status(StatusCode.FailedPrecondition, "not now"), streamError.Status);
        Assert.Equal(new Status(StatusCode.FailedPrecondition, "not now"), clientStreamError.Status);
        Assert.Equal(StatusCode.FailedPrecondition, stream.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Error_mid_stream_comes_after_the_messages_sent_before_it()
    {
        using var call = EchoApi.Client(Channel).ServerStream(new EchoRequest { Count = 10, FailAfter = 3, FailCode = (int)StatusCode.DataLoss, FailMessage = "disk gone" });

        var received = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
                received++;
        });

        Assert.Equal(3, received);
        Assert.Equal(new Status(StatusCode.DataLoss, "disk gone"), error.Status);
        Assert.Equal(error.Status, call.GetStatus());
    }

    [Fact]
    public async Task Error_mid_bidi_stream_ends_the_reads_with_the_status()
    {
        using var call = EchoApi.Client(Channel).Bidi();
        await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("one") });
        Assert.True(await call.ResponseStream.MoveNext());
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.OutOfRange, FailMessage = "too far" });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

        Assert.Equal(new Status(StatusCode.OutOfRange, "too far"), error.Status);
    }

    [Fact]
    public async Task Writing_after_the_server_failed_reports_the_server_status()
    {
        using var call = EchoApi.Client(Channel).ClientStream();
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.InvalidArgument, FailMessage = "bad row" });
        await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.RequestStream.WriteAsync(new EchoRequest()));

        Assert.Equal(new Status(StatusCode.InvalidArgument, "bad row"), error.Status);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented_naming_its_path()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.CallMissingAsync(Channel));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("Method not found: /frames.test.v1.Echo/Nope", error.Detail);
    }

    [Fact]
    public async Task Method_of_an_unknown_service_is_unimplemented_naming_its_path()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.CallMissingServiceAsync(Channel));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Equal("Method not found: /frames.test.v1.Gone/Echo", error.Detail);
    }

    [Fact]
    public async Task Unexpected_exception_is_internal_without_its_details_and_is_logged()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(Channel).UnaryAsync(new EchoRequest { FailCode = -1 }).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.Detail);
        Assert.DoesNotContain("secret", error.Detail);
        Assert.Equal("Exception was thrown by handler /frames.test.v1.Echo/Unary: InvalidOperationException (its message is in the server's log)", error.Detail);
        var logged = Assert.Single(fixture.Server.Logs.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
        Assert.Contains("/frames.test.v1.Echo/Unary", logged.Message);
    }

    [Fact]
    public async Task With_detailed_errors_an_unexpected_exception_says_its_method_type_and_message()
    {
        await using var server = await EchoServer.StartAsync(options => options.DetailedErrors = true);
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest { FailCode = -1 }).ResponseAsync);

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("Exception was thrown by handler /frames.test.v1.Echo/Unary: InvalidOperationException: secret internals: connection string Server=db;Password=hunter2",
            error.Detail);
    }

    [Fact]
    public async Task Unreachable_server_is_unavailable()
    {
        using var channel = RpcChannel.Create("http://127.0.0.1:1");

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("127.0.0.1:1", error.Detail);
    }
}
