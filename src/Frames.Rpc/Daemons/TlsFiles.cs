using System.Security.Cryptography.X509Certificates;

namespace FramesNet.Rpc.Daemons;

/// <summary>
/// What <c>--tls-cert</c>, <c>--tls-key</c> and <c>--tls-ca</c> name, read: the certificate a daemon serves
/// (with its chain) and the CAs it trusts for the https:// servers it calls (null: the system's store).
/// </summary>
internal sealed record TlsFiles(X509Certificate2? Certificate, X509Certificate2Collection? Chain, X509Certificate2Collection? TrustedRoots)
{
    public const string CertificateFlag = "--tls-cert";
    public const string KeyFlag = "--tls-key";
    public const string CaFlag = "--tls-ca";

    /// <summary>The flags make sense together: a certificate and its key come as a pair (else a usage error).</summary>
    public static void CheckFlags(string? certificate, string? key)
    {
        if (certificate is not null && key is null)
            throw new UsageException($"{CertificateFlag} needs {KeyFlag}: the certificate's private key (PEM)");
        if (key is not null && certificate is null)
            throw new UsageException($"{KeyFlag} needs {CertificateFlag}: the certificate (PEM) the key belongs to");
    }

    /// <summary>Reads the files (an <see cref="InputFileException"/> when one cannot be used).</summary>
    public static TlsFiles Read(string? certificate, string? key, string? ca)
    {
        CheckFlags(certificate, key);
        var served = certificate is null ? default : CredentialFiles.ReadServerCertificate(CertificateFlag, certificate, KeyFlag, key!);
        var roots = ca is null ? null : CredentialFiles.ReadBundle(CaFlag, ca);
        return new TlsFiles(served.Certificate, served.Chain, roots);
    }
}
