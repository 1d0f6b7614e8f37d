using System.Text;

namespace FramesNet.Formats.Csv;

/// <summary>The null texts of <see cref="CsvReadOptions.NullValues"/> as UTF-8, with the common case (only "") fast.</summary>
internal sealed class CsvNullValues
{
    private readonly byte[][] _texts;

    public CsvNullValues(IReadOnlyList<string> texts)
    {
        EmptyIsNull = texts.Contains("");
        _texts = texts.Where(t => t.Length > 0).Distinct().Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>An empty unquoted field is null.</summary>
    public bool EmptyIsNull { get; }

    /// <summary>Some non-empty text also means null, so every field must be compared.</summary>
    public bool HasText => _texts.Length > 0;

    public bool IsNull(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
            return EmptyIsNull;
        foreach (var text in _texts)
            if (value.SequenceEqual(text))
                return true;
        return false;
    }
}
