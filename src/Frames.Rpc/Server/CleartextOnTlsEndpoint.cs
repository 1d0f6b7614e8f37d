namespace FramesNet.Rpc.Server;

/// <summary>A connection feature: this cleartext connection reached a TLS endpoint, so its calls are refused (see <see cref="TlsConnectionMiddleware"/>).</summary>
internal sealed class CleartextOnTlsEndpoint
{
    public static CleartextOnTlsEndpoint Instance { get; } = new();

    private CleartextOnTlsEndpoint()
    {
    }
}
