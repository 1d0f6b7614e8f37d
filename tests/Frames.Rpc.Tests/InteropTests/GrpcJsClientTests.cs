using System.Text.Json;
using FramesNet.Rpc.Tests.TestSupport;

namespace FramesNet.Rpc.Tests.InteropTests;

/// <summary>A real peer, @grpc/grpc-js (interop/client.js), calling a Frames server.</summary>
public sealed class GrpcJsClientTests : IAsyncLifetime
{
    private EchoServer _server = null!;

    private string Address => $"127.0.0.1:{_server.Server.Port}";

    public async Task InitializeAsync() => _server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = 4 * 1024 * 1024);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Unary_echoes_and_returns_metadata_as_trailers()
    {
        var result = await RunAsync("unary");

        AssertOk(result);
        Assert.Equal("hello", result.GetProperty("payload").GetString());
        Assert.Equal("abc", result.GetProperty("trailer").GetString());
    }

    [Fact]
    public async Task Server_stream_arrives_in_order()
    {
        var result = await RunAsync("server-stream");

        AssertOk(result);
        Assert.Equal([0, 1, 2, 3, 4], result.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
        Assert.All(result.GetProperty("sizes").EnumerateArray(), e => Assert.Equal(1000, e.GetInt32()));
    }

    [Fact]
    public async Task Client_stream_is_summed()
    {
        var result = await RunAsync("client-stream");

        AssertOk(result);
        Assert.Equal(4, result.GetProperty("count").GetInt32());
        Assert.Equal(1000, result.GetProperty("totalBytes").GetInt32());
    }

    [Fact]
    public async Task Bidi_ping_pongs()
    {
        var result = await RunAsync("bidi");

        AssertOk(result);
        Assert.Equal(["ping 0", "ping 1", "ping 2"], result.GetProperty("echoes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Error_status_and_unicode_message_reach_grpc_js()
    {
        var result = await RunAsync("error");

        Assert.Equal((int)StatusCode.NotFound, result.GetProperty("code").GetInt32());
        Assert.Equal("no such partition: ключ 100%", result.GetProperty("details").GetString());
    }

    [Fact]
    public async Task Error_mid_stream_comes_after_the_messages()
    {
        var result = await RunAsync("stream-error");

        Assert.Equal((int)StatusCode.FailedPrecondition, result.GetProperty("code").GetInt32());
        Assert.Equal("stopped midway", result.GetProperty("details").GetString());
        Assert.Equal(3, result.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Deadline_is_exceeded_and_the_handler_is_cancelled()
    {
        var result = await RunAsync("deadline");

        Assert.Equal((int)StatusCode.DeadlineExceeded, result.GetProperty("code").GetInt32());
        Assert.True(result.GetProperty("elapsedMs").GetInt32() >= 1450, $"ended after {result.GetProperty("elapsedMs")} ms, before its deadline");
        Assert.Equal("cancelled", await _server.Service.SeenAsync("deadline-js"));
    }

    [Fact]
    public async Task Message_over_the_limit_is_resource_exhausted()
    {
        var result = await RunAsync("too-big");

        Assert.Equal((int)StatusCode.ResourceExhausted, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Message_under_the_limit_passes()
    {
        var result = await RunAsync("big-ok");

        AssertOk(result);
        Assert.Equal(4 * 1024 * 1024 - 64, result.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented()
    {
        var result = await RunAsync("unimplemented");

        Assert.Equal((int)StatusCode.Unimplemented, result.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Cancellation_by_grpc_js_reaches_the_handler()
    {
        var result = await RunAsync("cancel");

        Assert.Equal((int)StatusCode.Cancelled, result.GetProperty("code").GetInt32());
        Assert.Equal("cancelled", await _server.Service.SeenAsync("cancel-js"));
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_read()
    {
        var result = await RunAsync("gzip");

        AssertOk(result);
        Assert.Equal(100_000, result.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task Bearer_token_is_checked()
    {
        await using var server = await EchoServer.StartAsync(o => o.BearerToken = "js-token");
        var address = $"127.0.0.1:{server.Server.Port}";

        var without = Parse(await PeerProcess.RunClientAsync("client.js", address, "unary"));
        var with = Parse(await PeerProcess.RunClientAsync("client.js", address, "unary", "--token", "js-token"));

        Assert.Equal((int)StatusCode.Unauthenticated, without.GetProperty("code").GetInt32());
        AssertOk(with);
    }

    private async Task<JsonElement> RunAsync(string scenario) => Parse(await PeerProcess.RunClientAsync("client.js", Address, scenario));

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

    private static void AssertOk(JsonElement result) =>
        Assert.True(result.GetProperty("code").GetInt32() == 0, $"grpc-js got {result}");
}
