using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FramesNet.Rpc.Client;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests;

/// <summary>TLS, and keepalive pings finding a dead peer under a long-lived stream.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Tls_with_a_given_certificate_serves_http2_over_alpn()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await EchoServer.StartAsync(o => o.Certificate = certificate);
        using var channel = server.Channel(o => o.ServerCertificateValidation =
            (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString());

        var reply = await channel.UnaryAsync(EchoApi.Unary, new EchoRequest { Payload = ByteString.CopyFromUtf8("over tls") });

        Assert.Equal("https", server.Server.Address.Scheme);
        Assert.Equal("over tls", reply.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Tls_with_an_untrusted_certificate_is_unavailable()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await EchoServer.StartAsync(o => o.Certificate = certificate);
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoApi.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Tls_server_drops_a_stalled_or_garbage_handshake_and_keeps_serving()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await EchoServer.StartAsync(o =>
        {
            o.Certificate = certificate;
            o.TlsHandshakeTimeout = TimeSpan.FromMilliseconds(500);
        });
        using var silent = new TcpClient();
        await silent.ConnectAsync(IPAddress.Loopback, server.Server.Port);
        using var garbage = new TcpClient();
        await garbage.ConnectAsync(IPAddress.Loopback, server.Server.Port);
        await garbage.GetStream().WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray());

        // Both are closed by the server: a read sees the end of the stream (or a reset), not a hang.
        var buffer = new byte[64];
        Assert.Equal(0, await ReadUntilClosedAsync(silent.GetStream(), buffer).WaitAsync(Patience.Wait));
        Assert.Equal(0, await ReadUntilClosedAsync(garbage.GetStream(), buffer).WaitAsync(Patience.Wait));

        using var channel = server.Channel(o => o.ServerCertificateValidation = (_, _, _, _) => true);
        var reply = await channel.UnaryAsync(EchoApi.Unary, new EchoRequest { Payload = ByteString.CopyFromUtf8("still serving") });
        Assert.Equal("still serving", reply.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Cleartext_client_of_a_tls_server_is_unavailable()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await EchoServer.StartAsync(o => o.Certificate = certificate);
        using var channel = RpcChannel.Create($"http://127.0.0.1:{server.Server.Port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoApi.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task Client_keepalive_fails_a_stream_whose_server_went_silent()
    {
        await using var server = await EchoServer.StartAsync();
        await using var proxy = new FreezableProxy(server.Server.Port);
        using var channel = RpcChannel.Create($"http://127.0.0.1:{proxy.Port}", new RpcChannelOptions
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(1),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(1),
        });
        using var call = channel.ServerStreaming(EchoApi.ServerStream, new EchoRequest { Count = 3, DelayMs = 60_000 });
        var first = call.ResponseStream.MoveNextAsync().AsTask();
        await server.Service.WaitForCallsAsync(1);

        proxy.Freeze();
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(() => first.WaitAsync(Patience.Wait));

        Assert.True(error.StatusCode == StatusCode.Unavailable, error.ToString());
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"failed after {watch.Elapsed}, before a keepalive ping could time out");
    }

    [Fact]
    public async Task Server_keepalive_cancels_the_handler_of_a_client_that_went_silent()
    {
        await using var server = await EchoServer.StartAsync(o =>
        {
            o.KeepAlivePingDelay = TimeSpan.FromSeconds(1);
            o.KeepAlivePingTimeout = TimeSpan.FromSeconds(1);
        });
        await using var proxy = new FreezableProxy(server.Server.Port);
        using var channel = RpcChannel.Create($"http://127.0.0.1:{proxy.Port}", new RpcChannelOptions { KeepAlivePingDelay = Timeout.InfiniteTimeSpan });
        using var call = channel.DuplexStreaming(EchoApi.Bidi);
        await call.RequestStream.WriteAsync(new EchoRequest { Tag = "silent-client" });
        Assert.True(await call.ResponseStream.MoveNextAsync());

        proxy.Freeze();

        Assert.Equal("cancelled", await server.Service.SeenAsync("silent-client"));
    }

    /// <summary>Reads until the peer closes; a reset counts as closed.</summary>
    private static async Task<int> ReadUntilClosedAsync(NetworkStream stream, byte[] buffer)
    {
        try
        {
            while (await stream.ReadAsync(buffer) is var read && read > 0)
            {
            }
            return 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // A certificate with a persisted key: what Kestrel's TLS expects on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
