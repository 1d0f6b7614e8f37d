using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace FramesNet.Rpc.Server;

/// <summary>
/// TLS for a bare Kestrel endpoint: wraps each connection in an <see cref="SslStream"/> that offers only
/// HTTP/2 over ALPN. Kestrel's own <c>UseHttps</c> needs the services of the ASP.NET Core host, which
/// <see cref="FramesNet.Rpc.Server.RpcServer"/> does without. A failed or slow handshake closes that connection only.
/// A connection whose first byte is not a TLS handshake record is a cleartext gRPC client that got the
/// scheme wrong: it is served as h2c, marked with <see cref="CleartextOnTlsEndpoint"/>, and every call on it
/// is refused with a status saying so (instead of a closed connection the client cannot explain).
/// </summary>
internal static class TlsConnectionMiddleware
{
    /// <summary>The first byte of a TLS record carrying a handshake message (a ClientHello, here).</summary>
    private const byte HandshakeRecord = 0x16;

    public static Func<ConnectionDelegate, ConnectionDelegate> Create(X509Certificate2 certificate, X509Certificate2Collection? chain, TimeSpan handshakeTimeout)
    {
        var context = SslStreamCertificateContext.Create(certificate, chain is { Count: > 0 } ? chain : null);
        return next => connection => ServeAsync(connection, next, context, handshakeTimeout);
    }

    private static async Task ServeAsync(ConnectionContext connection, ConnectionDelegate next, SslStreamCertificateContext certificate, TimeSpan handshakeTimeout)
    {
        var plain = connection.Transport;
        switch (await FirstByteAsync(plain.Input, connection, handshakeTimeout).ConfigureAwait(false))
        {
            case null:
                return;
            case not HandshakeRecord:
                connection.Features.Set(CleartextOnTlsEndpoint.Instance);
                await next(connection).ConfigureAwait(false);
                return;
        }
        await using var tls = new SslStream(new DuplexPipeStream(plain), leaveInnerStreamOpen: true);
        if (!await HandshakeAsync(tls, connection, certificate, handshakeTimeout).ConfigureAwait(false))
            return;

        var feature = new TlsFeature(tls);
        connection.Features.Set<ITlsConnectionFeature>(feature);
        connection.Features.Set<ITlsApplicationProtocolFeature>(feature);
        var input = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        var output = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
        connection.Transport = new Pipe(input, output);
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            await input.CompleteAsync().ConfigureAwait(false);
            await output.CompleteAsync().ConfigureAwait(false);
            connection.Transport = plain;
        }
    }

    private static async Task<bool> HandshakeAsync(SslStream tls, ConnectionContext connection, SslStreamCertificateContext certificate, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        deadline.CancelAfter(timeout);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificateContext = certificate,
                ApplicationProtocols = [SslApplicationProtocol.Http2],
                // HTTP/2 forbids TLS below 1.2 (RFC 9113 §9.2).
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificateRequired = false,
            }, deadline.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The connection's first byte, left unread for whoever reads next; null when it closed or sent nothing in time.</summary>
    private static async Task<byte?> FirstByteAsync(PipeReader input, ConnectionContext connection, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        deadline.CancelAfter(timeout);
        try
        {
            var read = await input.ReadAsync(deadline.Token).ConfigureAwait(false);
            var buffer = read.Buffer;
            byte? first = buffer.IsEmpty ? null : buffer.FirstSpan[0];
            input.AdvanceTo(buffer.Start, buffer.Start);
            return first;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private sealed record Pipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    private sealed class TlsFeature(SslStream tls) : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public X509Certificate2? ClientCertificate { get; set; }

        public ReadOnlyMemory<byte> ApplicationProtocol => tls.NegotiatedApplicationProtocol.Protocol;

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
    }
}
