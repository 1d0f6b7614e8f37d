using System.Security.Cryptography;
using System.Text;

namespace FramesNet.Rpc.Server;

/// <summary>
/// A role callers can hold (the cluster's <c>worker</c> and <c>client</c>) and the bearer tokens that prove
/// it, kept as SHA-256 digests: a server may know a role's token only by its digest (a worker learns the
/// client token's from the scheduler). Thread-safe; the tokens can change while the server runs.
/// </summary>
public sealed class TokenRole
{
    private volatile byte[][] _digests = [];

    public TokenRole(string name, params string[] tokens)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        foreach (var token in tokens)
            Accept(token);
    }

    public string Name { get; }

    /// <summary>No token proves this role (yet).</summary>
    public bool IsEmpty => _digests.Length == 0;

    /// <summary>Adds a token that proves this role.</summary>
    public void Accept(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        AcceptDigest(Digest(token));
    }

    /// <summary>Adds a token known only by its SHA-256 digest.</summary>
    public void AcceptDigest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != SHA256.HashSizeInBytes)
            throw new ArgumentException($"a SHA-256 digest is {SHA256.HashSizeInBytes} bytes, not {digest.Length}", nameof(digest));
        var current = _digests;
        foreach (var known in current)
        {
            if (known.AsSpan().SequenceEqual(digest))
                return;
        }
        _digests = [.. current, digest.ToArray()];
    }

    /// <summary>Forgets every token, then accepts only this digest (none when empty).</summary>
    public void ReplaceDigest(ReadOnlySpan<byte> digest)
    {
        _digests = [];
        if (!digest.IsEmpty)
            AcceptDigest(digest);
    }

    /// <summary>Whether the token whose digest this is proves the role (constant time per known token).</summary>
    public bool Matches(ReadOnlySpan<byte> digest)
    {
        var matched = false;
        foreach (var known in _digests)
            matched |= CryptographicOperations.FixedTimeEquals(known, digest);
        return matched;
    }

    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public override string ToString() => Name;
}
