namespace FramesNet.Rpc.Internal;

/// <summary>Header names and fixed values of the gRPC HTTP/2 mapping.</summary>
internal static class GrpcHeaders
{
    public const string ContentType = "application/grpc";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string Authorization = "authorization";
    public const string TE = "te";
    public const string Trailers = "trailers";
    public const string UserAgent = "frames-rpc/1.0";

    /// <summary>Message encodings this layer can read; it always sends identity.</summary>
    public const string SupportedEncodings = "identity,gzip";

    public const string Identity = "identity";
    public const string Gzip = "gzip";

    private static readonly string[] StatusStrings = Enumerable.Range(0, 17).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>True for <c>application/grpc</c> and <c>application/grpc+proto</c> (and other <c>+suffix</c> forms).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
            return false;
        if (contentType.Length == ContentType.Length)
            return true;
        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>Headers that belong to the protocol, never to custom metadata.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith(':') || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("content-type", StringComparison.OrdinalIgnoreCase) || key.Equals("te", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("content-length", StringComparison.OrdinalIgnoreCase) || key.Equals("host", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("connection", StringComparison.OrdinalIgnoreCase) || key.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase);

    public static string FormatStatus(StatusCode code)
    {
        var value = (int)code;
        return (uint)value < (uint)StatusStrings.Length ? StatusStrings[value] : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Parses <c>grpc-status</c>; a missing or malformed value is reported as UNKNOWN, as the spec asks.</summary>
    public static Status ParseStatus(string? status, string? message)
    {
        var detail = message is null ? "" : PercentEncoding.Decode(message);
        if (status is null)
            return new Status(StatusCode.Unknown, "the response carried no grpc-status");
        if (!int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            return new Status(StatusCode.Unknown, $"the response carried an invalid grpc-status '{status}'");
        return new Status((StatusCode)code, detail);
    }

    /// <summary>The text sent for a metadata entry: base64 without padding for binary keys.</summary>
    public static string WireValue(Metadata.Entry entry) =>
        entry.Bytes is { } bytes ? Convert.ToBase64String(bytes).TrimEnd('=') : entry.Value!;
}
