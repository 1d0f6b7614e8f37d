namespace FramesNet.Columns;

/// <summary>An ordered list of <see cref="Field"/>s with unique names, plus schema-level metadata.</summary>
public sealed partial class Schema : IEquatable<Schema>
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();
    private readonly Field[] _fields;
    private readonly Dictionary<string, int> _indexByName;

    public Schema(IEnumerable<Field> fields, IReadOnlyDictionary<string, string>? metadata = null)
    {
        _fields = fields.ToArray();
        _indexByName = new Dictionary<string, int>(_fields.Length, StringComparer.Ordinal);
        for (var i = 0; i < _fields.Length; i++)
            if (!_indexByName.TryAdd(_fields[i].Name, i))
                throw new ArgumentException($"duplicate field name '{_fields[i].Name}' in schema");
        Metadata = metadata is { Count: > 0 } ? metadata : NoMetadata;
    }

    public Schema(params Field[] fields) : this((IEnumerable<Field>)fields) { }

    public IReadOnlyList<Field> Fields => _fields;
    public int Count => _fields.Length;
    public Field this[int index] => _fields[index];
    public Field this[string name] => _fields[IndexOf(name)];
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Index of the field called <paramref name="name"/>, or -1.</summary>
    public int TryIndexOf(string name) => _indexByName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Index of the field called <paramref name="name"/>; a missing name throws with a suggestion.</summary>
    public int IndexOf(string name)
    {
        if (_indexByName.TryGetValue(name, out var i))
            return i;
        throw new KeyNotFoundException(ColumnNotFoundMessage(name));
    }

    public string ColumnNotFoundMessage(string name)
    {
        var suggestion = NameSuggester.Closest(name, _fields.Select(f => f.Name));
        return suggestion is null
            ? $"column '{name}' not found; the columns are {string.Join(", ", _fields.Select(f => $"'{f.Name}'"))}"
            : $"column '{name}' not found; did you mean '{suggestion}'?";
    }

    public Schema Select(IEnumerable<int> indices) => new(indices.Select(i => _fields[i]), Metadata);

    public Schema WithMetadata(IReadOnlyDictionary<string, string>? metadata) => new(_fields, metadata);

    public bool Equals(Schema? other) =>
        other is not null && _fields.AsSpan().SequenceEqual(other._fields) && Field.MetadataEquals(Metadata, other.Metadata);

    public override bool Equals(object? obj) => Equals(obj as Schema);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var field in _fields)
            hash.Add(field);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(Environment.NewLine, _fields.Select(f => f.ToString()));
}
