using System.Text.Json;
using FramesNet.Rpc.Tests.TestSupport;

namespace FramesNet.Rpc.Tests.InteropTests;

/// <summary>A second real peer, Debian's python3-grpcio (interop/python/client.py), calling a Frames server.</summary>
public sealed class PythonClientTests : IAsyncLifetime
{
    private EchoServer _server = null!;

    public async Task InitializeAsync() => _server = await EchoServer.StartAsync(o => o.MaxReceiveMessageSize = 4 * 1024 * 1024);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Unary_echoes_with_trailers()
    {
        var result = await RunAsync("unary");

        AssertOk(result);
        Assert.Equal("hello", result.GetProperty("payload").GetString());
        Assert.Equal("py", result.GetProperty("trailer").GetString());
    }

    [Fact]
    public async Task Streams_of_every_shape()
    {
        var serverStream = await RunAsync("server-stream");
        var clientStream = await RunAsync("client-stream");
        var bidi = await RunAsync("bidi");

        AssertOk(serverStream);
        Assert.Equal([0, 1, 2, 3, 4], serverStream.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
        AssertOk(clientStream);
        Assert.Equal(1000, clientStream.GetProperty("totalBytes").GetInt32());
        AssertOk(bidi);
        Assert.Equal(["ping 0", "ping 1", "ping 2"], bidi.GetProperty("echoes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Errors_arrive_with_their_code_and_unicode_message()
    {
        var error = await RunAsync("error");
        var midStream = await RunAsync("stream-error");

        Assert.Equal((int)StatusCode.NotFound, error.GetProperty("code").GetInt32());
        Assert.Equal("no such partition: ключ 100%", error.GetProperty("details").GetString());
        Assert.Equal((int)StatusCode.FailedPrecondition, midStream.GetProperty("code").GetInt32());
        Assert.Equal(3, midStream.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Deadline_limit_and_unknown_method()
    {
        var deadline = await RunAsync("deadline");
        var tooBig = await RunAsync("too-big");
        var missing = await RunAsync("unimplemented");

        Assert.Equal((int)StatusCode.DeadlineExceeded, deadline.GetProperty("code").GetInt32());
        Assert.Equal("cancelled", await _server.Service.SeenAsync("deadline-py"));
        Assert.Equal((int)StatusCode.ResourceExhausted, tooBig.GetProperty("code").GetInt32());
        Assert.Equal((int)StatusCode.Unimplemented, missing.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Cancellation_by_python_reaches_the_handler()
    {
        var result = await RunAsync("cancel");

        Assert.Equal((int)StatusCode.Cancelled, result.GetProperty("code").GetInt32());
        Assert.Equal("cancelled", await _server.Service.SeenAsync("cancel-py"));
    }

    private async Task<JsonElement> RunAsync(string scenario) =>
        JsonDocument.Parse(await PeerProcess.RunClientAsync("python/client.py", $"127.0.0.1:{_server.Server.Port}", scenario)).RootElement;

    private static void AssertOk(JsonElement result) =>
        Assert.True(result.GetProperty("code").GetInt32() == 0, $"python-grpcio got {result}");
}
