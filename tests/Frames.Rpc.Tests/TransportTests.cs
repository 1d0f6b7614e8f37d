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

        var reply = await EchoApi.Client(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("over tls") }).ResponseAsync;

        Assert.Equal("https", server.Server.Address.Scheme);
        Assert.Equal("over tls", reply.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Tls_with_an_untrusted_certificate_is_unavailable()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await EchoServer.StartAsync(o => o.Certificate = certificate);
        using var channel = server.Channel();

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest()).ResponseAsync);

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
        // Neither a TLS handshake nor an HTTP/2 preface (a cleartext gRPC client is answered: see below).
        await garbage.GetStream().WriteAsync("\u0001\u0002 not a protocol\r\n\r\n\r\n\r\n\r\n\r\n"u8.ToArray());

        // Both are closed by the server: a read sees the end of the stream (or a reset), not a hang.
        var buffer = new byte[64];
        Assert.Equal(0, await ReadUntilClosedAsync(silent.GetStream(), buffer).WaitAsync(Patience.Wait));
        Assert.Equal(0, await ReadUntilClosedAsync(garbage.GetStream(), buffer).WaitAsync(Patience.Wait));

        using var channel = server.Channel(o => o.ServerCertificateValidation = (_, _, _, _) => true);
        var reply = await EchoApi.Client(channel).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("still serving") }).ResponseAsync;
        Assert.Equal("still serving", reply.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task A_cleartext_client_of_a_tls_server_is_refused_saying_to_use_https_on_every_call()
    {
        using var certificate = SelfSignedCertificate();
        await using var server = await EchoServer.StartAsync(o => o.Certificate = certificate);
        using var channel = RpcChannel.Create($"http://127.0.0.1:{server.Server.Port}");

        var unary = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest { Tag = "cleartext" }).ResponseAsync);
        using var stream = EchoApi.Client(channel).Bidi();
        var bidi = await Assert.ThrowsAsync<RpcException>(async () => await stream.ResponseStream.MoveNext());

        var expected = new Status(StatusCode.FailedPrecondition,
            $"this server accepts only TLS: connect with https://127.0.0.1:{server.Server.Port} (and trust its certificate's CA), not http://");
        Assert.Equal(expected, unary.Status);
        Assert.Equal(expected, bidi.Status);
        Assert.False(server.Service.Calls.ContainsKey("cleartext"));
    }

    [Fact]
    public async Task A_tls_client_of_a_cleartext_server_is_unavailable_with_a_hint()
    {
        await using var server = await EchoServer.StartAsync();
        using var channel = RpcChannel.Create($"https://127.0.0.1:{server.Server.Port}");

        var error = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(channel).UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith($"TLS handshake with https://127.0.0.1:{server.Server.Port}/ failed: ", error.Detail);
        Assert.EndsWith("(is the server serving TLS? one started without --tls-cert takes http://)", error.Detail);
    }

    [Fact]
    public async Task Trusted_roots_replace_the_system_store_and_the_name_is_still_checked()
    {
        using var certificate = SelfSignedCertificate();
        using var other = SelfSignedCertificate();
        using var elsewhere = SelfSignedCertificate("elsewhere.example");
        await using var server = await EchoServer.StartAsync(o => o.Certificate = certificate);
        await using var misnamedServer = await EchoServer.StartAsync(o => o.Certificate = elsewhere);
        using var trusting = server.Channel(o => o.TrustedRoots = [X509CertificateLoader.LoadCertificate(certificate.RawData)]);
        using var wrongRoot = server.Channel(o => o.TrustedRoots = [X509CertificateLoader.LoadCertificate(other.RawData)]);
        using var wrongName = misnamedServer.Channel(o => o.TrustedRoots = [X509CertificateLoader.LoadCertificate(elsewhere.RawData)]);

        var reply = await EchoApi.Client(trusting).UnaryAsync(new EchoRequest { Payload = ByteString.CopyFromUtf8("trusted") }).ResponseAsync;
        var untrusted = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(wrongRoot).UnaryAsync(new EchoRequest()).ResponseAsync);
        var misnamed = await Assert.ThrowsAsync<RpcException>(() => EchoApi.Client(wrongName).UnaryAsync(new EchoRequest()).ResponseAsync);

        Assert.Equal("trusted", reply.Payload.ToStringUtf8());
        Assert.Equal(StatusCode.Unavailable, untrusted.StatusCode);
        Assert.Contains("trust the CA that signed the server's certificate", untrusted.Detail);
        Assert.Equal(StatusCode.Unavailable, misnamed.StatusCode);
        Assert.Contains("RemoteCertificateNameMismatch", misnamed.Detail);
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
        using var call = EchoApi.Client(channel).ServerStream(new EchoRequest { Count = 3, DelayMs = 60_000 });
        var first = call.ResponseStream.MoveNext();
        await server.Service.WaitForCallsAsync(1);

        proxy.Freeze();
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcException>(() => first.WaitAsync(Patience.Wait));

        // A lost connection is UNAVAILABLE, as gRPC's core libraries say (Grpc.Net.Client alone says INTERNAL).
        Assert.True(error.StatusCode == StatusCode.Unavailable && error.Detail.StartsWith($"lost the connection to http://127.0.0.1:{proxy.Port}/: ", StringComparison.Ordinal),
            error.ToString());
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
        using var call = EchoApi.Client(channel).Bidi();
        await call.RequestStream.WriteAsync(new EchoRequest { Tag = "silent-client" });
        Assert.True(await call.ResponseStream.MoveNext());

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

    /// <summary>For localhost and 127.0.0.1, or only for <paramref name="name"/>.</summary>
    private static X509Certificate2 SelfSignedCertificate(string? name = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name ?? "localhost"}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name ?? "localhost");
        if (name is null)
            names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // A certificate with a persisted key: what Kestrel's TLS expects on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
