using System.Collections;

namespace FramesNet.Rpc;

/// <summary>
/// Custom call metadata: request headers, response trailers. Keys are lower-case; keys ending in
/// <c>-bin</c> carry binary values (base64 on the wire), all others printable ASCII. Keys may repeat.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];
    private readonly bool _readOnly;

    public Metadata()
    {
    }

    private Metadata(bool readOnly) => _readOnly = readOnly;

    /// <summary>An empty, read-only instance.</summary>
    public static Metadata Empty { get; } = new(readOnly: true);

    public int Count => _entries.Count;

    public Metadata Add(string key, string value)
    {
        key = CheckKey(key);
        if (IsBinaryKey(key))
            throw new ArgumentException($"metadata key '{key}' ends in -bin: add a byte[] value");
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
                throw new ArgumentException($"metadata value for '{key}' has a character outside printable ASCII: U+{(int)c:X4}");
        }
        _entries.Add(new Entry(key, value, null));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        key = CheckKey(key);
        if (!IsBinaryKey(key))
            throw new ArgumentException($"binary metadata key '{key}' must end in -bin");
        ArgumentNullException.ThrowIfNull(value);
        _entries.Add(new Entry(key, null, value));
        return this;
    }

    /// <summary>The last text value for <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && _entries[i].Value is { } value)
                return value;
        }
        return null;
    }

    /// <summary>The last binary value for <paramref name="key"/> (a <c>-bin</c> key), or null.</summary>
    public byte[]? GetBytes(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && _entries[i].Bytes is { } bytes)
                return bytes;
        }
        return null;
    }

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds what a peer sent, unchecked: peers may send values our own API would refuse.</summary>
    internal void AddFromWire(string key, string value)
    {
        if (!IsBinaryKey(key))
        {
            _entries.Add(new Entry(key, value, null));
            return;
        }
        // Repeated binary headers may arrive joined with ','; each part is base64, padded or not.
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            _entries.Add(new Entry(key, null, Internal.Base64.DecodeLenient(part)));
    }

    internal static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    private string CheckKey(string key)
    {
        if (_readOnly)
            throw new InvalidOperationException("this metadata is read-only");
        ArgumentException.ThrowIfNullOrEmpty(key);
        key = key.ToLowerInvariant();
        foreach (var c in key)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.'))
                throw new ArgumentException($"metadata key '{key}' may only hold a-z, 0-9, '-', '_' and '.'");
        }
        if (Internal.GrpcHeaders.IsReserved(key))
            throw new ArgumentException($"metadata key '{key}' is reserved by the protocol");
        return key;
    }

    /// <summary>One key and its value: <see cref="Value"/> for text keys, <see cref="Bytes"/> for <c>-bin</c> keys.</summary>
    public readonly record struct Entry(string Key, string? Value, byte[]? Bytes)
    {
        public bool IsBinary => Bytes is not null;

        public override string ToString() => IsBinary ? $"{Key}: [{Bytes!.Length} bytes]" : $"{Key}: {Value}";
    }
}
