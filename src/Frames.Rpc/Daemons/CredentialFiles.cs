using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FramesNet.Rpc.Daemons;

/// <summary>
/// The secrets and certificates the daemons and the client read from files: bearer tokens and PEM files.
/// A file that is missing, unreadable, empty or not what it should be is an <see cref="InputFileException"/>
/// naming the flag and the path.
/// </summary>
internal static class CredentialFiles
{
    /// <summary>The token in <paramref name="path"/>, surrounding white space trimmed.</summary>
    public static string ReadToken(string flag, string path)
    {
        var token = Read(flag, path).Trim();
        return token.Length > 0 ? token : throw new InputFileException($"{flag} {Path.GetFullPath(path)} is empty");
    }

    /// <summary>
    /// A server's certificate with its private key, from PEM files, and the chain after it: the certificate
    /// file's first certificate is the server's, further ones (intermediate CAs) are sent along with it.
    /// </summary>
    public static (X509Certificate2 Certificate, X509Certificate2Collection Chain) ReadServerCertificate(
        string certificateFlag, string certificatePath, string keyFlag, string keyPath)
    {
        var certificates = Read(certificateFlag, certificatePath);
        var key = Read(keyFlag, keyPath);
        X509Certificate2 loaded;
        var chain = new X509Certificate2Collection();
        try
        {
            loaded = X509Certificate2.CreateFromPem(certificates, key);
            chain.ImportFromPem(certificates);
        }
        catch (CryptographicException e)
        {
            throw new InputFileException(
                $"{certificateFlag} {Path.GetFullPath(certificatePath)} and {keyFlag} {Path.GetFullPath(keyPath)} are not a PEM certificate and its private key: {e.Message}", e);
        }
        using (loaded)
        {
            if (chain.Count > 0)
                chain.RemoveAt(0);
            // A key read from PEM is ephemeral; exported and loaded again it serves TLS on every platform.
            return (X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null), chain);
        }
    }

    /// <summary>Every certificate in a PEM bundle: the CAs to trust.</summary>
    public static X509Certificate2Collection ReadBundle(string flag, string path)
    {
        var text = Read(flag, path);
        var bundle = new X509Certificate2Collection();
        try
        {
            bundle.ImportFromPem(text);
        }
        catch (CryptographicException e)
        {
            throw new InputFileException($"{flag} {Path.GetFullPath(path)} is not a PEM certificate bundle: {e.Message}", e);
        }
        return bundle.Count > 0 ? bundle : throw new InputFileException($"{flag} {Path.GetFullPath(path)} holds no PEM certificate");
    }

    private static string Read(string flag, string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFileException($"{flag} {Path.GetFullPath(path)}: {e.Message}", e);
        }
    }
}
