using FramesNet.Rpc.Client;
using FramesNet.Rpc.Server;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;

namespace FramesNet.Rpc.Tests;

/// <summary>The bearer-token check and custom call filters.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private EchoServer _server = null!;

    public async Task InitializeAsync() => _server = await EchoServer.StartAsync(o => o.BearerToken = "s3cret-token");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_right_token_is_let_through()
    {
        using var channel = _server.Channel(o => o.BearerToken = "s3cret-token");

        var reply = await EchoApi.Client(channel).UnaryAsync(new EchoRequest { Tag = "authorized" }).ResponseAsync;

        Assert.Equal("authorized", reply.Tag);
    }

    [Fact]
    public async Task A_missing_token_is_unauthenticated()
    {
        using var channel = _server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest { Tag = "no-token" }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("missing bearer token", error.Detail);
        Assert.False(_server.Service.Calls.ContainsKey("no-token"));
    }

    [Fact]
    public async Task A_wrong_token_is_unauthenticated_on_streams_too()
    {
        using var channel = _server.Channel(o => o.BearerToken = "s3cret-tokeN");

        using var call = EchoApi.Client(channel).Bidi();
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());

        Assert.Equal(new Status(StatusCode.Unauthenticated, "invalid bearer token"), error.Status);
    }

    [Fact]
    public async Task Writes_to_a_refused_stream_fail_with_the_servers_status_whenever_they_happen()
    {
        using var channel = _server.Channel();

        // The refusal races the writes: each write lands before the response, while it arrives, or after it
        // ended. Whichever it is, what the caller of WriteOrStatusAsync sees is the server's status (a plain
        // write that loses the race says CANCELLED without a detail).
        for (var call = 0; call < 50; call++)
        {
            using var stream = EchoApi.Client(channel).Bidi();
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                for (var write = 0; write < 10_000; write++)
                    await stream.WriteOrStatusAsync(new EchoRequest { Tag = "refused" });
            });
            Assert.True(error.StatusCode == StatusCode.Unauthenticated && error.Detail.StartsWith("missing bearer token", StringComparison.Ordinal), error.ToString());
        }
    }

    [Fact]
    public async Task A_custom_filter_sees_the_call_and_can_refuse_it()
    {
        await using var server = await EchoServer.StartAsync(o => o.Filters.Add(new RefuseHeader("x-refuse")));
        using var channel = server.Channel();

        await EchoApi.Client(channel).UnaryAsync(new EchoRequest()).ResponseAsync;
        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest(),
            new CallOptions(new Metadata { { "x-refuse", "yes" } })).ResponseAsync);

        Assert.Equal(new Status(StatusCode.PermissionDenied, "refused /frames.test.v1.Echo/Unary"), error.Status);
    }

    [Fact]
    public async Task Role_tokens_admit_per_method_and_a_role_known_by_digest_changes_while_serving()
    {
        var admins = new TokenRole("admin", "admin-token");
        var readers = new TokenRole("reader");
        IReadOnlyList<TokenRole> both = [admins, readers];
        IReadOnlyList<TokenRole> adminOnly = [admins];
        await using var server = await EchoServer.StartAsync(o => o.Filters.Add(
            new RoleTokenFilter(both, method => method.EndsWith("/Unary", StringComparison.Ordinal) ? both : adminOnly)));
        using var admin = server.Channel(o => o.BearerToken = "admin-token");
        using var reader = server.Channel(o => o.BearerToken = "reader-token");

        await EchoApi.Client(admin).UnaryAsync(new EchoRequest()).ResponseAsync;
        var unknownYet = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(reader).UnaryAsync(new EchoRequest()).ResponseAsync);
        readers.ReplaceDigest(TokenRole.Digest("reader-token"));
        await EchoApi.Client(reader).UnaryAsync(new EchoRequest()).ResponseAsync;
        using var stream = EchoApi.Client(reader).ServerStream(new EchoRequest { Count = 1 });
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext());

        Assert.Equal(new Status(StatusCode.Unauthenticated, "invalid bearer token"), unknownYet.Status);
        Assert.Equal(new Status(StatusCode.PermissionDenied, "/frames.test.v1.Echo/ServerStream needs the admin token; this is the reader token"), denied.Status);
    }

    private sealed class RefuseHeader(string header) : IServerCallFilter
    {
        public ValueTask OnCallAsync(ServerCallContext context) =>
            context.RequestHeaders.GetValue(header) is null
                ? ValueTask.CompletedTask
                : throw new RpcException(new Status(StatusCode.PermissionDenied, $"refused {context.Method}"));
    }
}
