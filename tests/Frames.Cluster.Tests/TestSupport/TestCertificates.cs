using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FramesNet.Cluster.Tests.TestSupport;

/// <summary>
/// A throwaway CA and a certificate it signed for localhost and 127.0.0.1, made in the test and written
/// as PEM files the way an operator has them (ca.pem, server.pem, server.key); no key is checked in.
/// </summary>
internal sealed class TestCertificates
{
    private TestCertificates(string folder) => Folder = folder;

    public string Folder { get; }

    public string CaFile => Path.Combine(Folder, "ca.pem");

    public string CertificateFile => Path.Combine(Folder, "server.pem");

    public string KeyFile => Path.Combine(Folder, "server.key");

    /// <summary>The CA as a collection, for <see cref="ClusterOptions.TrustedRoots"/>.</summary>
    public X509Certificate2Collection Roots
    {
        get
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(CaFile);
            return roots;
        }
    }

    /// <summary>Makes a CA named <paramref name="name"/> and a server certificate it signed, in <paramref name="folder"/>.</summary>
    public static TestCertificates Create(string folder, string name = "Frames test CA")
    {
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = new byte[16];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7f;
        using var server = request.Create(ca, now.AddDays(-1), now.AddDays(6), serial);

        var certificates = new TestCertificates(folder);
        File.WriteAllText(certificates.CaFile, ca.ExportCertificatePem());
        File.WriteAllText(certificates.CertificateFile, server.ExportCertificatePem());
        File.WriteAllText(certificates.KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        return certificates;
    }
}
