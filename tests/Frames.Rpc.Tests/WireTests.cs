using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using FramesNet.Rpc.Tests.Protos;
using FramesNet.Rpc.Tests.TestSupport;
using Google.Protobuf;

namespace FramesNet.Rpc.Tests;

/// <summary>What the Frames server puts on the wire, checked with a plain HTTP/2 client.</summary>
public sealed class WireTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task An_ok_unary_answer_is_headers_one_frame_and_a_status_trailer()
    {
        using var response = await PostAsync("/frames.test.v1.Echo/Unary", Frame(new EchoRequest { Payload = ByteString.CopyFromUtf8("x") }));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, body[0]);
        Assert.Equal(body.Length - 5, (body[1] << 24) | (body[2] << 16) | (body[3] << 8) | body[4]);
        Assert.Equal("x", EchoReply.Parser.ParseFrom(body.AsSpan(5)).Payload.ToStringUtf8());
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task An_immediate_error_is_trailers_only_with_a_percent_encoded_message()
    {
        using var response = await PostAsync("/frames.test.v1.Echo/Unary",
            Frame(new EchoRequest { FailCode = 5, FailMessage = "100% ключ" }));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal("100%25 %D0%BA%D0%BB%D1%8E%D1%87", Assert.Single(response.Headers.GetValues("grpc-message")));
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_non_grpc_content_type_is_415()
    {
        var content = new ByteArrayContent(Frame(new EchoRequest()));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(new Uri(fixture.Server.Server.Address, "/frames.test.v1.Echo/Unary"), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task A_compressed_frame_without_grpc_encoding_is_internal()
    {
        var frame = Frame(new EchoRequest());
        frame[0] = 1;

        using var response = await PostAsync("/frames.test.v1.Echo/Unary", frame);

        Assert.Equal("13", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Contains("grpc-encoding", Assert.Single(response.Headers.GetValues("grpc-message")));
    }

    [Fact]
    public async Task An_unsupported_grpc_encoding_is_unimplemented_and_names_the_supported_ones()
    {
        using var response = await PostAsync("/frames.test.v1.Echo/Unary", Frame(new EchoRequest()), ("grpc-encoding", "snappy"));

        Assert.Equal("12", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal("identity,gzip", Assert.Single(response.Headers.GetValues("grpc-accept-encoding")));
    }

    [Fact]
    public async Task A_gzip_frame_is_decompressed()
    {
        var message = new EchoRequest { Payload = ByteString.CopyFrom(new byte[50_000]) }.ToByteArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(message);
        var frame = new byte[5 + compressed.Length];
        frame[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), (int)compressed.Length);
        compressed.ToArray().CopyTo(frame, 5);

        using var response = await PostAsync("/frames.test.v1.Echo/Unary", frame, ("grpc-encoding", "gzip"));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
        Assert.Equal(50_000, EchoReply.Parser.ParseFrom(body.AsSpan(5)).Payload.Length);
    }

    [Fact]
    public async Task A_truncated_frame_is_internal()
    {
        var frame = Frame(new EchoRequest { Payload = ByteString.CopyFromUtf8("truncated") });

        using var response = await PostAsync("/frames.test.v1.Echo/Unary", frame[..^3]);

        Assert.Equal("13", Assert.Single(response.Headers.GetValues("grpc-status")));
    }

    [Fact]
    public async Task A_malformed_grpc_timeout_is_ignored()
    {
        using var response = await PostAsync("/frames.test.v1.Echo/Unary", Frame(new EchoRequest()), ("grpc-timeout", "soon"));
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Server.Server.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await _http.SendAsync(request);
    }

    private static byte[] Frame(IMessage message)
    {
        var bytes = message.ToByteArray();
        var frame = new byte[5 + bytes.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), bytes.Length);
        bytes.CopyTo(frame, 5);
        return frame;
    }
}
